using System.Text.RegularExpressions;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Attachments;

/// <summary>A file accepted and stored: the key to find it again, and what it is.</summary>
public sealed record StoredAttachment(string Key, string FileName, AttachmentType Type, long Size);

/// <summary>The outcome of an upload: a stored file, or the reason it was refused.</summary>
public sealed record AttachmentUpload(StoredAttachment? Stored, AttachmentProblem Problem);

/// <summary>
/// Keeps uploaded documents under the data folder ("uploads"), never under wwwroot, so no file is
/// reachable except through a download the owning module has authorised. Files are named by a
/// random key; the name the sender gave is kept by the module for the download only. Several app
/// instances must share the data folder (a mounted volume) for uploads to be seen by all of them.
/// </summary>
public sealed partial class AttachmentStore(IConfiguration configuration, IOptions<AttachmentOptions> options, ILogger<AttachmentStore> logger)
{
    private readonly string _folder = PortalPaths.Under(configuration, "uploads");

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Checks the file by its content and size, and stores it when it passes.</summary>
    public Task<AttachmentUpload> SaveAsync(IFormFile file, CancellationToken cancellationToken = default) =>
        SaveAsync(file, AttachmentTypes.All, cancellationToken);

    /// <summary>The same, accepting only <paramref name="allowed"/> types (for example <see cref="AttachmentTypes.ImagesAndPdf"/>).</summary>
    public async Task<AttachmentUpload> SaveAsync(IFormFile file, IReadOnlyList<AttachmentType> allowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0)
        {
            return new(null, AttachmentProblem.Empty);
        }
        if (file.Length > MaxBytes)
        {
            return new(null, AttachmentProblem.TooLarge);
        }
        var fileName = CleanFileName(file.FileName);
        var key = Guid.NewGuid().ToString("N") + KeyExtension(fileName);
        var incoming = Path.Combine(_folder, "incoming");
        var temporary = Path.Combine(incoming, key);
        try
        {
            Directory.CreateDirectory(incoming);
            long size;
            AttachmentProblem problem;
            AttachmentType? type;
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                // The declared length is the sender's word too: stop copying once past the limit.
                await using (var source = file.OpenReadStream())
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        if (target.Length > MaxBytes)
                        {
                            return new(null, AttachmentProblem.TooLarge);
                        }
                    }
                }
                await target.FlushAsync(cancellationToken);
                size = target.Length;
                problem = AttachmentInspector.Inspect(target, fileName, allowed, out type);
            }
            if (problem != AttachmentProblem.None)
            {
                return new(null, problem);
            }
            var final = PathFor(key);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temporary, final);
            return new(new StoredAttachment(key, fileName, type!, size), AttachmentProblem.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The sender can do nothing about it, and nothing refers to the file yet: the module saves
            // no row, says so, and the operator finds the reason in the log.
            LogStorageFailed(logger, ex, _folder);
            return new(null, AttachmentProblem.StorageUnavailable);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover in uploads/incoming is harmless: nothing refers to it.
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Error, Message = "An upload could not be stored under {Folder}; the request was answered and nothing was saved")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string folder);

    public void Delete(string key)
    {
        if (IsValidKey(key) && File.Exists(PathFor(key)))
        {
            File.Delete(PathFor(key));
        }
    }

    public bool Exists(string key) => IsValidKey(key) && File.Exists(PathFor(key));

    /// <summary>
    /// Streams a stored file as a download. Call it only after checking that the requester may see
    /// the record the file belongs to. The browser is told to save it (Content-Disposition:
    /// attachment) and not to guess its type (nosniff), so a document can never run as a page.
    /// </summary>
    public IActionResult Download(string key, string fileName, string contentType, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!Exists(key))
        {
            return new NotFoundResult();
        }
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=0";
        var stream = new FileStream(PathFor(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return new FileStreamResult(stream, contentType) { FileDownloadName = fileName, EnableRangeProcessing = true };
    }

    /// <summary>
    /// The sender's file name without any folder part, control characters or bidirectional
    /// formatting characters, kept short. A right-to-left override would let "report\u202Eexe.pdf"
    /// display as "reportfdp.exe".
    /// </summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/').Last());
        name = new string(name.Where(c => !char.IsControl(c) && !IsBidiControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length > MaxFileNameLength)
        {
            // Keep a real extension ("….pdf"); a "name" that is mostly extension is simply cut.
            var extension = Path.GetExtension(name);
            name = extension.Length is > 0 and <= MaxExtensionLength
                ? name[..(MaxFileNameLength - extension.Length)] + extension
                : name[..MaxFileNameLength];
        }
        return name.Length == 0 ? "document" : name;
    }

    /// <summary>Unicode's bidirectional formatting characters (UAX #9): marks, embeddings, overrides and isolates.</summary>
    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private const int MaxFileNameLength = 200;

    private const int MaxExtensionLength = 16;

    // The stored file's extension: the sender's, when it looks like one (letters and digits, short).
    private static string KeyExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension.Length is > 1 and <= MaxExtensionLength && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : "";
    }

    // Two-level fan-out keeps any one folder small.
    private string PathFor(string key) => Path.Combine(_folder, key[..2], key);

    private static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[0-9a-f]{32}\\.[a-z]{3,4}$")]
    private static partial Regex KeyPattern();
}

public static class AttachmentSetup
{
    /// <summary>Registers the store once, however many modules ask for it.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section);
        services.TryAddSingleton<AttachmentStore>();
        return services;
    }
}
