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
    Png,
    Jpeg,
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

    /// <summary>Images, accepted only where a form asks for them (ideas): PNG and JPEG, checked by content like the documents.</summary>
    public static IReadOnlyList<AttachmentType> Images { get; } =
    [
        new(AttachmentKind.Png, ".png", "image/png"),
        new(AttachmentKind.Jpeg, ".jpg", "image/jpeg"),
        new(AttachmentKind.Jpeg, ".jpeg", "image/jpeg"),
    ];

    /// <summary>What an idea may carry: images and PDF.</summary>
    public static IReadOnlyList<AttachmentType> ImagesAndPdf { get; } = [.. All.Where(t => t.Kind == AttachmentKind.Pdf), .. Images];

    /// <summary>What a case may carry (a complaint's evidence): documents, and photos or screenshots.</summary>
    public static IReadOnlyList<AttachmentType> DocumentsAndImages { get; } = [.. All, .. Images];

    public static string AcceptFor(IReadOnlyList<AttachmentType> types) => string.Join(',', (types ?? All).Select(t => t.Extension));

    /// <summary>For the file input's accept attribute.</summary>
    public static string AcceptAttribute { get; } = string.Join(',', All.Select(t => t.Extension));

    public static AttachmentType? ForFileName(string? fileName, IReadOnlyList<AttachmentType>? allowed = null)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return (allowed ?? All).FirstOrDefault(t => t.Extension == extension);
    }
}
