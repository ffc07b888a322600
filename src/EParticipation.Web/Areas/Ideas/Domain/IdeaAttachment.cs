namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>An image or PDF sent with an idea, stored by Platform/Attachments outside wwwroot.</summary>
public class IdeaAttachment
{
    public int Id { get; set; }

    public int IdeaId { get; set; }

    public string StorageKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }
}
