using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Security;

/// <summary>
/// Answers 413 (with the localised error page) for a body larger than the portal accepts: one over
/// <c>Security:MaxRequestBodyBytes</c>, or a form with a field or a number of fields beyond the form
/// limits. It reads a form once, here, so that no later reader (antiforgery, model binding, the error
/// page) meets the failure and turns it into another status.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, IOptions<RequestSizeLimits> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > limits.Value.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (request.HasFormContentType)
        {
            try
            {
                await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // A field longer than the form value limit, too many fields, or a multipart body over its limit.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A body without a declared length that grew past the server's limit.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }
        await next(context);
    }
}
