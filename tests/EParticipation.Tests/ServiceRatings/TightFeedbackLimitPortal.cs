namespace EParticipation.Tests.ServiceRatings;

/// <summary>The portal with a tight limit on page feedback (its own instance, so no other test spends the allowance).</summary>
public sealed class TightFeedbackLimitPortal : RatingsPortal
{
    public const int PageFeedbackLimit = 4;

    public TightFeedbackLimitPortal()
    {
        With("RateLimits:page-feedback:PermitLimit", PageFeedbackLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        With("RateLimits:page-feedback:WindowSeconds", "3600");
    }
}
