namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>One account's support for an idea; the key stops anyone supporting twice.</summary>
public class IdeaSupport
{
    public int IdeaId { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
