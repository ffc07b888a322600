using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Polls.Models;

public sealed class PollInputValidator : AbstractValidator<PollInput>
{
    public PollInputValidator(IStringLocalizer<PollsResource> t, AppDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.QuestionAr).NotEmpty().WithMessage(t["Enter the question in Arabic."]).MaximumLength(300).WithMessage(t["The question must be 300 characters or fewer."]);
        RuleFor(x => x.QuestionEn).MaximumLength(300).WithMessage(t["The question must be 300 characters or fewer."]);
        RuleFor(x => x.DescriptionAr).MaximumLength(2000).WithMessage(t["The description must be 2,000 characters or fewer."]);
        RuleFor(x => x.DescriptionEn).MaximumLength(2000).WithMessage(t["The description must be 2,000 characters or fewer."]);
        RuleFor(x => x.FilledOptions)
            .Must(o => o.Count >= Poll.MinOptions).WithMessage(t["Give at least 2 options."])
            .Must(o => o.Count <= Poll.MaxOptions).WithMessage(t["A poll has at most 10 options."])
            .OverridePropertyName(nameof(PollInput.Options));
        RuleForEach(x => x.FilledOptions).ChildRules(o =>
        {
            o.RuleFor(x => x.TextAr).NotEmpty().WithMessage(t["Enter each option in Arabic."]).MaximumLength(200).WithMessage(t["An option must be 200 characters or fewer."]);
            o.RuleFor(x => x.TextEn).MaximumLength(200).WithMessage(t["An option must be 200 characters or fewer."]);
        }).OverridePropertyName(nameof(PollInput.Options));
        RuleFor(x => x.FilledOptions)
            .Must(o => o.Select(x => x.TextAr?.Trim()).Distinct().Count() == o.Count)
            .When(x => x.FilledOptions.All(o => !string.IsNullOrWhiteSpace(o.TextAr)))
            .WithMessage(t["Two options have the same text."])
            .OverridePropertyName(nameof(PollInput.Options));
        RuleFor(x => x.TargetGroupIds)
            .MustAsync(async (ids, ct) => ids.Count == 0 || await db.TargetGroups.CountAsync(g => ids.Contains(g.Id), ct) == ids.Distinct().Count())
            .WithMessage(t["Choose target groups from the list."]);
        RuleFor(x => x.TargetGroupIds)
            .NotEmpty().When(x => x.LimitedToTargetGroups)
            .WithMessage(t["Choose the groups the poll is limited to."]);
        RuleFor(x => x.OpensAt).NotNull().WithMessage(t["Enter when the poll opens."]);
        RuleFor(x => x.OpensAt)
            .Must(o => PollInput.ToUtc(o!.Value) >= clock.GetUtcNow().UtcDateTime.AddMinutes(-5))
            .When(x => x.OpensAt is not null)
            .WithMessage(t["The poll cannot open in the past."]);
        RuleFor(x => x.ClosesAt).NotNull().WithMessage(t["Enter when the poll closes."])
            .GreaterThan(x => x.OpensAt).When(x => x.OpensAt is not null).WithMessage(t["The poll must close after it opens."]);
    }
}
