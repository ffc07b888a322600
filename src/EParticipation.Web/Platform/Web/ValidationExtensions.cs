using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EParticipation.Web.Platform.Web;

public static class ValidationExtensions
{
    /// <summary>
    /// Runs a FluentValidation validator and copies its failures into ModelState (explicit validation:
    /// docs/decisions/0007-explicit-validation-with-fluentvalidation-12.md). Returns true when the input is valid.
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
}
