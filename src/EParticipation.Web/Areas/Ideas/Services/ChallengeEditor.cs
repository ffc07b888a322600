using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>An agency publisher's challenges: create, edit (with the version the form showed), give the outcome. Audited.</summary>
public sealed class ChallengeEditor(AppDbContext db, AuditLog audit, IdeaListChanges listChanges, TimeProvider clock)
{
    public static DateTime StartOfSaudiDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), DualDate.SaudiTime);

    public static ChallengeInput ToInput(Challenge c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ChallengeInput
        {
            TitleAr = c.Title.Ar, TitleEn = c.Title.En, ProblemAr = c.Problem.Ar, ProblemEn = c.Problem.En,
            CriteriaAr = c.Criteria.Ar, CriteriaEn = c.Criteria.En, OutcomeAr = c.Outcome.Ar, OutcomeEn = c.Outcome.En,
            SectorId = c.SectorId, TargetGroupIds = c.TargetGroups.Select(t => t.TargetGroupId).ToList(),
            OpensOn = WorkingDayCalendar.SaudiDate(c.OpensAt), ClosesOn = WorkingDayCalendar.SaudiDate(c.ClosesAt).AddDays(-1),
            Moderation = c.Moderation, Version = c.Version,
        };
    }

    public Task<Challenge?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Challenges.Include(c => c.TargetGroups).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<Challenge> CreateAsync(int agencyId, ChallengeInput input, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var challenge = new Challenge { AgencyId = agencyId, CreatedById = userId, CreatedAt = now };
        Apply(challenge, input, now);
        db.Challenges.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("challenge.create", "challenge", challenge.Id, agencyId, challenge.Title.Ar);
        await db.SaveChangesAsync(cancellationToken);
        listChanges.Changed(); // the list's challenge filter
        return challenge;
    }

    /// <summary>False when someone saved the challenge since the form was shown (the caller answers 409).</summary>
    public async Task<bool> UpdateAsync(Challenge challenge, ChallengeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(input);
        if (challenge.Version != input.Version)
        {
            return false;
        }
        Apply(challenge, input, clock.GetUtcNow().UtcDateTime);
        challenge.Version++;
        audit.Record("challenge.update", "challenge", challenge.Id, challenge.AgencyId, challenge.Title.Ar);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            listChanges.Changed();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static void Apply(Challenge challenge, ChallengeInput input, DateTime now)
    {
        challenge.Describe(new LocalizedText(input.TitleAr ?? "", input.TitleEn ?? ""), new LocalizedText(input.ProblemAr ?? "", input.ProblemEn ?? ""), new LocalizedText(input.CriteriaAr ?? "", input.CriteriaEn ?? ""));
        var outcome = new LocalizedText((input.OutcomeAr ?? "").Trim(), (input.OutcomeEn ?? "").Trim());
        if (challenge.DecidedAt is null && !outcome.IsEmpty)
        {
            challenge.DecidedAt = now;
        }
        else if (outcome.IsEmpty)
        {
            challenge.DecidedAt = null;
        }
        challenge.Outcome = outcome;
        challenge.SectorId = input.SectorId!.Value;
        challenge.OpensAt = StartOfSaudiDay(input.OpensOn!.Value);
        challenge.ClosesAt = StartOfSaudiDay(input.ClosesOn!.Value.AddDays(1));
        challenge.Moderation = input.Moderation;
        challenge.UpdatedAt = now;
        challenge.TargetGroups.RemoveAll(t => !input.TargetGroupIds.Contains(t.TargetGroupId));
        foreach (var id in input.TargetGroupIds.Distinct().Where(id => challenge.TargetGroups.All(t => t.TargetGroupId != id)))
        {
            challenge.TargetGroups.Add(new ChallengeTargetGroup { TargetGroupId = id });
        }
    }
}
