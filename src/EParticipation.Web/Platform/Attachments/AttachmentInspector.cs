using System.IO.Compression;
using System.Text;

namespace EParticipation.Web.Platform.Attachments;

public enum AttachmentProblem
{
    None,
    Empty,
    TooLarge,
    UnsupportedType,
    ContentDoesNotMatch,

    /// <summary>The file was acceptable, but the upload folder could not take it (not writable, disk full).</summary>
    StorageUnavailable,
}

/// <summary>
/// Decides what a file really is from its bytes, never from its name or the browser's content type
/// (both are the sender's word): a PDF starts with "%PDF-", a legacy Office file is an OLE compound
/// file, and a .docx/.xlsx/.pptx is a zip whose [Content_Types].xml names the matching main part.
/// An executable renamed to .pdf, or a macro-enabled workbook renamed to .xlsx, is refused.
/// </summary>
public static class AttachmentInspector
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    // The content type of the main part each OOXML format declares in [Content_Types].xml.
    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string PowerPointMain = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";

    // [Content_Types].xml is a few kilobytes; anything far larger is not a document we want to unpack.
    private const int MaxContentTypesBytes = 512 * 1024;

    /// <summary>Checks a seekable stream holding the whole file against the name it was sent with.</summary>
    public static AttachmentProblem Inspect(Stream content, string fileName, out AttachmentType? type) =>
        Inspect(content, fileName, AttachmentTypes.All, out type);

    /// <summary>The same, among <paramref name="allowed"/> types (documents by default; images where a form asks for them).</summary>
    public static AttachmentProblem Inspect(Stream content, string fileName, IReadOnlyList<AttachmentType> allowed, out AttachmentType? type)
    {
        ArgumentNullException.ThrowIfNull(content);
        type = AttachmentTypes.ForFileName(fileName, allowed);
        if (type is null)
        {
            return AttachmentProblem.UnsupportedType;
        }
        if (content.Length == 0)
        {
            return AttachmentProblem.Empty;
        }
        content.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        content.Position = 0;
        var matches = type.Kind switch
        {
            AttachmentKind.Pdf => head.StartsWith(PdfMagic),
            AttachmentKind.Png => head.StartsWith(PngMagic),
            AttachmentKind.Jpeg => head.StartsWith(JpegMagic),
            AttachmentKind.Doc or AttachmentKind.Xls or AttachmentKind.Ppt => head.StartsWith(OleMagic),
            AttachmentKind.Docx => head.StartsWith(ZipMagic) && DeclaresMainPart(content, WordMain),
            AttachmentKind.Xlsx => head.StartsWith(ZipMagic) && DeclaresMainPart(content, ExcelMain),
            AttachmentKind.Pptx => head.StartsWith(ZipMagic) && DeclaresMainPart(content, PowerPointMain),
            _ => false,
        };
        content.Position = 0;
        return matches ? AttachmentProblem.None : AttachmentProblem.ContentDoesNotMatch;
    }

    private static bool DeclaresMainPart(Stream content, string mainContentType)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry("[Content_Types].xml");
            if (entry is null || entry.Length > MaxContentTypesBytes)
            {
                return false;
            }
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var xml = reader.ReadToEnd();
            return xml.Contains("ContentType=\"" + mainContentType + "\"", StringComparison.OrdinalIgnoreCase);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
