using System.Text.Json;

namespace EParticipation.Web.Platform.Seeding;

/// <summary>Reads the JSON files under seeds/ (copied beside the app at build).</summary>
public sealed class SeedFiles(IConfiguration configuration)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public string Folder { get; } = configuration["Seeds:Folder"] is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(AppContext.BaseDirectory, "seeds");

    public async Task<IReadOnlyList<T>> ReadAsync<T>(string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The seed file {fileName} is missing from {Folder}.", path);
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, cancellationToken) ?? [];
    }
}
