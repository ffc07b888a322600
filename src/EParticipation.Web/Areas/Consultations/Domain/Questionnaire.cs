using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Consultations.Domain;

public enum QuestionType
{
    SingleChoice,
    MultipleChoice,

    /// <summary>1 (strongly disagree) to 5 (strongly agree).</summary>
    Scale,

    FreeText,
}

/// <summary>A question of the consultation's questionnaire, built by the legislation office.</summary>
public class Question
{
    public const int ScaleMin = 1;
    public const int ScaleMax = 5;

    public int Id { get; set; }

    public int ConsultationId { get; set; }

    public int Position { get; set; }

    public QuestionType Type { get; set; }

    public LocalizedText Text { get; set; } = new();

    public bool Required { get; set; }

    public List<QuestionOption> Options { get; set; } = [];

    public bool HasOptions => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice;
}

public class QuestionOption
{
    public int Id { get; set; }

    public int QuestionId { get; set; }

    public int Position { get; set; }

    public LocalizedText Text { get; set; } = new();
}

/// <summary>One participant's answers to a consultation's questionnaire: one per person, changeable until closing.</summary>
public class QuestionnaireResponse
{
    public long Id { get; set; }

    public int ConsultationId { get; set; }

    public Consultation? Consultation { get; set; }

    public Guid UserId { get; set; }

    public DateTime SubmittedAt { get; set; }

    public DateTime? ChangedAt { get; set; }

    public List<Answer> Answers { get; set; } = [];
}

/// <summary>
/// An answer to one question: a chosen option (one row per option for multiple choice, so results
/// are a GROUP BY), a scale value, or free text.
/// </summary>
public class Answer
{
    public long Id { get; set; }

    public long ResponseId { get; set; }

    public int QuestionId { get; set; }

    public int? OptionId { get; set; }

    public int? ScaleValue { get; set; }

    public string? Text { get; set; }
}
