using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Stores a rating: one current rating per account and service, replaced within its 30-day window
/// (the replaced version kept in the history, its figures subtracted), and the month's aggregate
/// created or added to, all in one statement (<see cref="SqlDialect.StoreRating"/>). A suggestion then
/// becomes a case of kind rating suggestion for the service's agency (Platform/Cases, with its own
/// transaction and confirmation email).
/// </summary>
public sealed class RatingSubmission(
    AppDbContext db,
    CaseWorkflow workflow,
    IStringLocalizerFactory localizers,
    TimeProvider clock)
{
    public async Task<RatingOutcome> SubmitAsync(GovernmentService service, Guid userId, RatingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var write = new RatingWrite(service.Id, service.AgencyId, userId, now, now - ServiceRating.Window, ServiceRatingMonth.MonthOf(now),
            input.Overall!.Value, input.Ease, input.Speed, input.Clarity, input.Staff, (int)input.Channel!.Value, Clean(input.Comment), Clean(input.Suggestion),
            (int)ServiceChannel.Online, (int)ServiceChannel.ServiceCentre, (int)ServiceChannel.Phone);
        StoredRating stored;
        try
        {
            stored = await StoreAsync(write, cancellationToken);
        }
        catch (Exception ex) when (db.Dialect.IsUniqueViolation(ex))
        {
            // The same account's first rating of this service, sent twice at once: the key refused the
            // second insert, and run again the statement finds the first and replaces it.
            stored = await StoreAsync(write, cancellationToken);
        }

        var caseNumber = stored.SuggestionCase;
        if (write.Suggestion is not null && caseNumber is null)
        {
            var submitted = await workflow.SubmitAsync(SuggestionCase(service, userId, input), cancellationToken);
            caseNumber = submitted.Case.TrackingNumber;
            await db.ServiceRatings.Where(r => r.Id == stored.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.SuggestionCase, caseNumber), cancellationToken);
        }
        return new RatingOutcome(stored.Id, stored.Revision > 0, caseNumber);
    }

    /// <summary>
    /// One round trip (<see cref="SqlDialect.StoreRating"/>): the current rating read and locked, kept
    /// as a version, replaced or inserted, and the month rows changed, all in one statement (one batch
    /// in a transaction on SQLite, which has no data-modifying CTEs). Nothing is tracked by EF.
    /// </summary>
    private async Task<StoredRating> StoreAsync(RatingWrite write, CancellationToken cancellationToken)
    {
        var statement = db.Dialect.StoreRating(write);
        if (!db.Dialect.CountedWritesNeedTransaction)
        {
            return (await db.Database.SqlQuery<StoredRating>(statement).ToListAsync(cancellationToken)).Single();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = (await db.Database.SqlQuery<StoredRating>(statement).ToListAsync(cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);
        return stored;
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

/// <summary>What <see cref="SqlDialect.StoreRating"/> returns: the rating's id, its revision (above 0 for a replacement within the window) and its suggestion's case.</summary>
public sealed class StoredRating
{
    public long Id { get; set; }

    public int Revision { get; set; }

    public string? SuggestionCase { get; set; }
}
