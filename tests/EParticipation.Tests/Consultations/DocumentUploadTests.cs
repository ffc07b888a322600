using System.IO.Compression;
using System.Net;
using System.Text;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>Documents are checked by their content, limited in size, kept outside wwwroot and served only to who may see them.</summary>
public sealed class DocumentUploadTests(DocumentUploadTests.Portal factory) : IClassFixture<DocumentUploadTests.Portal>
{
    /// <summary>A small size limit, so "too large" needs only a few kilobytes.</summary>
    public sealed class Portal : ConsultationsPortal
    {
        public Portal() => With("Attachments:MaxBytes", "65536");
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task Upload_OfARenamedExecutable_IsRefusedAndNothingIsStored()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();
        var storedBefore = StoredFiles().Count;
        var executable = new byte[2048];
        "MZ"u8.CopyTo(executable);

        var response = await UploadAsync(publisher, consultation, "مسودة النظام.pdf", executable);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("ليس ملف PDF", page.QuerySelector("#Input_File-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.ConsultationDocuments.AnyAsync(d => d.ConsultationId == consultation)));
        Assert.Equal(storedBefore, StoredFiles().Count);
    }

    [Fact]
    public async Task Upload_WithAVeryLongName_KeepsItsExtension_AndAVeryLongExtensionIsRefusedClearly()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();

        var longName = await UploadAsync(publisher, consultation, string.Concat(Enumerable.Repeat("مسودة ", 60)) + ".pdf", Pdf);
        var longExtension = await UploadAsync(publisher, consultation, "مسودة." + new string('x', 300), Pdf);

        Forms.AssertRedirect(longName);
        var stored = await factory.WithDbAsync(db => db.ConsultationDocuments.SingleAsync(d => d.ConsultationId == consultation));
        Assert.Equal(200, stored.FileName.Length);
        Assert.EndsWith(".pdf", stored.FileName, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longExtension.StatusCode);
        Assert.NotEmpty((await PortalClient.ParseAsync(longExtension)).QuerySelector("#Input_File-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Upload_WhenTheUploadFolderCannotBeWritten_SaysSoAndSavesNothing()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();
        // A file where the folder should be: as root, permissions alone would not stop the write.
        var uploads = Path.Combine(factory.DataFolder, "uploads");
        var away = uploads + ".away";
        if (Directory.Exists(uploads))
        {
            Directory.Move(uploads, away);
        }
        await File.WriteAllTextAsync(uploads, "not a folder");
        try
        {
            var response = await UploadAsync(publisher, consultation, "مسودة النظام.pdf", Pdf);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var page = await PortalClient.ParseAsync(response);
            Assert.Contains("تعذّر حفظ المستند الآن، ولم يُحفظ شيء", page.QuerySelector("#Input_File-error")!.TextContent, StringComparison.Ordinal);
            Assert.False(await factory.WithDbAsync(db => db.ConsultationDocuments.AnyAsync(d => d.ConsultationId == consultation)));
            var entityId = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.document.added" && a.EntityId == entityId)));
        }
        finally
        {
            File.Delete(uploads);
            if (Directory.Exists(away))
            {
                Directory.Move(away, uploads);
            }
        }
    }

    [Fact]
    public async Task Upload_WithBidiControlsInItsName_StoresTheNameWithoutThem_Security()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();

        // "report\u202Eexe.pdf" would display as "reportfdp.exe"; isolates and marks are removed too.
        Forms.AssertRedirect(await UploadAsync(publisher, consultation, "report\u202Eexe.pdf", Pdf));
        Forms.AssertRedirect(await UploadAsync(publisher, consultation, "\u2067مذكرة\u2069\u200F\u061C.pdf", Pdf));

        var names = await factory.WithDbAsync(db => db.ConsultationDocuments.Where(d => d.ConsultationId == consultation).OrderBy(d => d.Id).Select(d => d.FileName).ToListAsync());
        Assert.Equal(["reportexe.pdf", "مذكرة.pdf"], names);
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefusedWithAClearMessage()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();
        var large = new byte[70_000];
        Pdf.CopyTo(large, 0);

        var response = await UploadAsync(publisher, consultation, "large.pdf", large, language: "en");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("The file is larger than 0.1 MB. Upload a smaller file.", page.QuerySelector("#Input_File-error")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.ConsultationDocuments.AnyAsync(d => d.ConsultationId == consultation)));
    }

    [Fact]
    public async Task Download_OfAnUnpublishedConsultationsDocument_IsRefusedToVisitors_AndServedToItsStaffAsAnAttachment()
    {
        var (publisher, consultation) = await PublisherWithDraftAsync();
        Forms.AssertRedirect(await UploadAsync(publisher, consultation, "المذكرة التفسيرية.pdf", Pdf));
        var document = await factory.WithDbAsync(db => db.ConsultationDocuments.SingleAsync(d => d.ConsultationId == consultation));
        var path = $"/ar/consultations/{consultation}/documents/{document.Id}";

        var visitor = await factory.Client().GetAsync(path);
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        var signedIn = await participant.GetAsync(path);
        var (otherAgency, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var otherStaff = await otherAgency.GetAsync(path);
        var staff = await publisher.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, visitor.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherStaff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Equal("application/pdf", staff.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", staff.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("المذكرة التفسيرية.pdf", staff.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", staff.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await staff.Content.ReadAsByteArrayAsync());
        // Kept under the data folder, never where static files are served from.
        var stored = Assert.Single(StoredFiles(), f => f.EndsWith(document.StorageKey, StringComparison.Ordinal));
        Assert.StartsWith(Path.Combine(factory.DataFolder, "uploads"), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_OnceTheConsultationIsPublished_IsOpenToVisitors()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var consultation = (await factory.CreateConsultationAsync(agency: "hrsd")).Id;
        Forms.AssertRedirect(await UploadAsync(publisher, consultation, "guide.docx", Docx()));
        var document = await factory.WithDbAsync(db => db.ConsultationDocuments.SingleAsync(d => d.ConsultationId == consultation));

        var response = await factory.Client().GetAsync($"/en/consultations/{consultation}/documents/{document.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("report.pdf", "pdf", AttachmentProblem.None)]
    [InlineData("report.docx", "docx", AttachmentProblem.None)]
    [InlineData("report.xlsx", "docx", AttachmentProblem.ContentDoesNotMatch)]
    [InlineData("report.docx", "zip", AttachmentProblem.ContentDoesNotMatch)]
    [InlineData("report.doc", "ole", AttachmentProblem.None)]
    [InlineData("report.xls", "ole", AttachmentProblem.None)]
    [InlineData("report.pdf", "ole", AttachmentProblem.ContentDoesNotMatch)]
    [InlineData("report.pdf", "exe", AttachmentProblem.ContentDoesNotMatch)]
    [InlineData("setup.exe", "exe", AttachmentProblem.UnsupportedType)]
    [InlineData("page.html", "pdf", AttachmentProblem.UnsupportedType)]
    public void Inspect_DecidesByContentAndName(string fileName, string content, AttachmentProblem expected)
    {
        var bytes = content switch
        {
            "pdf" => Pdf,
            "docx" => Docx(),
            "zip" => Zip("readme.txt", "just a zip"),
            "ole" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            _ => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0],
        };
        using var stream = new MemoryStream(bytes);
        Assert.Equal(expected, AttachmentInspector.Inspect(stream, fileName, out _));
    }

    private async Task<(PortalClient Publisher, int Consultation)> PublisherWithDraftAsync()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var consultation = await factory.CreateConsultationAsync(agency: "hrsd", published: false);
        return (publisher, consultation.Id);
    }

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, int consultation, string fileName, byte[] content, string language = "ar")
    {
        var path = $"/{language}/consultations/manage/{consultation}/documents";
        var page = await client.PageAsync(path);
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.NotNull(form.QuerySelector("input[type=file][name='Input.File']"));
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("مستند"), "Input.TitleAr" },
            { new ByteArrayContent(content), "Input.File", fileName },
        };
        return await client.Http.PostAsync(path, multipart);
    }

    private List<string> StoredFiles()
    {
        var uploads = Path.Combine(factory.DataFolder, "uploads");
        return Directory.Exists(uploads)
            ? Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories).Where(f => !f.Contains("incoming", StringComparison.Ordinal)).ToList()
            : [];
    }

    private static byte[] Docx() => Zip("[Content_Types].xml",
        "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");

    private static byte[] Zip(string entryName, string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write(text);
        }
        return buffer.ToArray();
    }
}
