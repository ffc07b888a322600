using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Moderation;

/// <summary>
/// Recognises a unique-index violation on any supported engine (the forms are in
/// <see cref="SqlDialect.IsUniqueViolation"/>). Double submits (the same form sent twice at once, two
/// reports by one person) are stopped by unique indexes; the second insert fails with this, and the
/// caller treats it as the success it already was.
/// </summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is { } inner && SqlDialect.All.Any(d => d.IsUniqueViolation(inner));
    }
}
