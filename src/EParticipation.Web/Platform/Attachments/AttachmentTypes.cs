namespace EParticipation.Web.Platform.Attachments;

/// <summary>The document types the portal accepts: PDF and Office documents, old and new formats.</summary>
public enum AttachmentKind
{
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Doc,
    Xls,
    Ppt,
}

public sealed record AttachmentType(AttachmentKind Kind, string Extension, string ContentType);

public static class AttachmentTypes
{
    public static IReadOnlyList<AttachmentType> All { get; } =
    [
        new(AttachmentKind.Pdf, ".pdf", "application/pdf"),
        new(AttachmentKind.Docx, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        new(AttachmentKind.Xlsx, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        new(AttachmentKind.Pptx, ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        new(AttachmentKind.Doc, ".doc", "application/msword"),
        new(AttachmentKind.Xls, ".xls", "application/vnd.ms-excel"),
        new(AttachmentKind.Ppt, ".ppt", "application/vnd.ms-powerpoint"),
    ];

    /// <summary>For the file input's accept attribute.</summary>
    public static string AcceptAttribute { get; } = string.Join(',', All.Select(t => t.Extension));

    public static AttachmentType? ForFileName(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return All.FirstOrDefault(t => t.Extension == extension);
    }
}
