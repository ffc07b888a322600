using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Stores a rating: one current rating per account and service, replaced within its 30-day window
/// (the replaced version kept in the history, its figures subtracted), and the month's aggregate
/// created or added to in the same transaction, one statement per aggregate row. A suggestion then becomes a case of kind rating suggestion for
/// the service's agency (Platform/Cases, with its own transaction and confirmation email).
/// </summary>
public sealed class RatingSubmission(
    AppDbContext db,
    RatingAggregates aggregates,
    CaseWorkflow workflow,
    IStringLocalizerFactory localizers,
    TimeProvider clock)
{
    public async Task<RatingOutcome> SubmitAsync(GovernmentService service, Guid userId, RatingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        ServiceRating rating;
        bool replaced;
        try
        {
            (rating, replaced) = await StoreAsync(service, userId, input, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The same account's first rating of this service, sent twice at once: the second replaces the first.
            db.ChangeTracker.Clear();
            (rating, replaced) = await StoreAsync(service, userId, input, now, cancellationToken);
        }

        string? caseNumber = rating.SuggestionCase;
        if (!string.IsNullOrWhiteSpace(input.Suggestion) && caseNumber is null)
        {
            var submitted = await workflow.SubmitAsync(SuggestionCase(service, userId, input), cancellationToken);
            caseNumber = submitted.Case.TrackingNumber;
            await db.ServiceRatings.Where(r => r.Id == rating.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.SuggestionCase, caseNumber), cancellationToken);
        }
        return new RatingOutcome(rating.Id, replaced, caseNumber);
    }

    private async Task<(ServiceRating Rating, bool Replaced)> StoreAsync(GovernmentService service, Guid userId, RatingInput input, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = await db.ServiceRatings.Where(r => r.ServiceId == service.Id && r.UserId == userId).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is { } existingId && db.Dialect.LockRow("ServiceRatings", existingId) is { } lockRow)
        {
            // Two replacements of one rating at once must not both subtract the same old version.
            await db.Database.ExecuteSqlAsync(lockRow, cancellationToken);
        }
        var rating = id is null ? null : await db.ServiceRatings.SingleAsync(r => r.Id == id, cancellationToken);
        var deltas = new List<RatingDelta>();
        var replaced = false;
        if (rating is null)
        {
            rating = new ServiceRating { ServiceId = service.Id, UserId = userId, WindowStartedAt = now };
            db.ServiceRatings.Add(rating);
        }
        else if (rating.WindowOpenAt(now))
        {
            // Within the window the new rating takes the old one's place in the figures.
            db.ServiceRatingVersions.Add(ServiceRatingVersion.Of(rating, now, stillCounts: false));
            deltas.Add(new RatingDelta(service.Id, service.AgencyId, ServiceRatingMonth.MonthOf(rating.SubmittedAt), rating.Scores, rating.Channel, -1));
            rating.Revision++;
            replaced = true;
        }
        else
        {
            // After the window the old rating keeps counting (as a version) and a new window begins.
            db.ServiceRatingVersions.Add(ServiceRatingVersion.Of(rating, now, stillCounts: true));
            rating.WindowStartedAt = now;
            rating.Revision = 0;
            rating.SuggestionCase = null;
            rating.CommentHidden = false;
        }
        var hadSuggestion = rating.Suggestion;
        rating.Overall = input.Overall!.Value;
        rating.Ease = input.Ease;
        rating.Speed = input.Speed;
        rating.Clarity = input.Clarity;
        rating.Staff = input.Staff;
        rating.Channel = input.Channel!.Value;
        var comment = Clean(input.Comment);
        if (comment != rating.Comment)
        {
            rating.CommentHidden = false;
        }
        rating.Comment = comment;
        rating.Suggestion = Clean(input.Suggestion);
        if (rating.Suggestion != hadSuggestion)
        {
            // A changed suggestion is a new one: it gets its own case.
            rating.SuggestionCase = null;
        }
        rating.SubmittedAt = now;
        deltas.Add(new RatingDelta(service.Id, service.AgencyId, ServiceRatingMonth.MonthOf(now), rating.Scores, rating.Channel, +1));
        await db.SaveChangesAsync(cancellationToken);
        // One statement per month row, taken in month order so two ratings never wait for each other's rows crosswise.
        foreach (var delta in deltas.OrderBy(d => d.Month))
        {
            await aggregates.ApplyAsync(delta, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (rating, replaced);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private NewCase SuggestionCase(GovernmentService service, Guid userId, RatingInput input)
    {
        var localizer = localizers.Create(typeof(ServiceRatingsResource));
        LocalizedText Both(string key, params object[] args)
        {
            string ar;
            using (CultureScope.Use(PortalCultures.Arabic))
            {
                ar = localizer[key, args].Value;
            }
            using (CultureScope.Use(PortalCultures.English))
            {
                return new LocalizedText(ar, localizer[key, args].Value);
            }
        }
        var subject = Both("Suggestion on the service: {0}", service.Name.Ar).Ar;
        var details = new List<NewCaseDetail>
        {
            new("service", Both("Service"), service.Name.Ar + " / " + service.Name.En),
            new("service-code", Both("Service code"), service.Code),
            new("rating", Both("Overall rating (1-5)"), input.Overall!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("channel", Both("Channel used"), Both("channel-" + input.Channel) is var c ? c.Ar + " / " + c.En : ""),
        };
        return new NewCase(CaseKind.RatingSuggestion, service.AgencyId, userId, input.SubmissionKey,
            subject.Length > 300 ? subject[..300] : subject, input.Suggestion!.Trim(), details) { ServiceId = service.Id };
    }
}
