using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EParticipation.Web.Platform.Web;

public static class ValidationExtensions
{
    /// <summary>
    /// Runs a FluentValidation validator and copies its failures into ModelState (the ASP.NET
    /// integration package does not restore here). Returns true when the input is valid.
    /// </summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T input, ModelStateDictionary modelState, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(modelState);
        var result = await validator.ValidateAsync(input);
        foreach (var failure in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? failure.PropertyName : prefix + "." + failure.PropertyName;
            modelState.AddModelError(key, failure.ErrorMessage);
        }
        return result.IsValid && modelState.IsValid;
    }

    /// <summary>Registers every validator in the assembly (the DI extensions package does not restore here).</summary>
    public static IServiceCollection AddValidatorsFromAssemblyOf<T>(this IServiceCollection services)
    {
        var validators = typeof(T).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddScoped(service, implementation);
        }
        return services;
    }
}
