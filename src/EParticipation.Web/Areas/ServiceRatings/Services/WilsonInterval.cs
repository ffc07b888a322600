namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// The Wilson score interval of a share (95% by default): honest for small samples and shares near 0
/// or 1, where the normal approximation gives bounds outside [0, 1]. 8 of 10 gives [0.490, 0.943].
/// </summary>
public readonly record struct WilsonInterval(double Share, double Lower, double Upper)
{
    public const double Z95 = 1.959963984540054;

    public static WilsonInterval Of(int successes, int total, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, successes);
        if (total == 0)
        {
            return new WilsonInterval(0, 0, 1);
        }
        var n = (double)total;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new WilsonInterval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
