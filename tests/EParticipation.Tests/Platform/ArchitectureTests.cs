using System.Reflection;
using System.Text.RegularExpressions;

namespace EParticipation.Tests.Platform;

/// <summary>The house rules of the layout (architecture.md), checked so they stay true.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    [Fact]
    public void Modules_NeverUseAnotherModulesTypes()
    {
        var offences = new List<string>();
        foreach (var type in Web.GetTypes().Where(t => ModuleOf(t) is not null))
        {
            var module = ModuleOf(type)!;
            foreach (var used in Referenced(type))
            {
                var other = ModuleOf(used);
                if (other is not null && other != module)
                {
                    offences.Add($"{type.FullName} ({module}) uses {used.FullName} ({other})");
                }
            }
        }
        // Source too: a using of another module's namespace is the same offence.
        var areas = Path.Combine(LocalizationTests.RepositoryRoot(), "src", "EParticipation.Web", "Areas");
        foreach (var file in Directory.EnumerateFiles(areas, "*.cs*", SearchOption.AllDirectories))
        {
            var module = Path.GetRelativePath(areas, file).Split(Path.DirectorySeparatorChar)[0];
            foreach (Match m in AreaNamespace().Matches(File.ReadAllText(file)))
            {
                if (m.Groups[1].Value != module)
                {
                    offences.Add($"{Path.GetRelativePath(areas, file)} refers to EParticipation.Web.Areas.{m.Groups[1].Value}");
                }
            }
        }
        Assert.True(offences.Count == 0, string.Join("\n", offences.Distinct()));
    }

    [Fact]
    public void Platform_NeverDependsOnAModule()
    {
        var offences = Web.GetTypes()
            .Where(t => t.Namespace?.StartsWith("EParticipation.Web.Platform", StringComparison.Ordinal) == true)
            .SelectMany(t => Referenced(t).Where(u => ModuleOf(u) is not null).Select(u => $"{t.FullName} uses {u.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void Code_NeverReadsTheClockDirectly()
    {
        var src = Path.Combine(LocalizationTests.RepositoryRoot(), "src");
        var offences = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, line, i)))
            .Where(x => ClockRead().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, "Use the injected TimeProvider:\n" + string.Join("\n", offences));
    }

    private static string? ModuleOf(Type type)
    {
        var ns = type.Namespace ?? "";
        const string prefix = "EParticipation.Web.Areas.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new List<Type?> { type.BaseType };
        types.AddRange(type.GetInterfaces());
        types.AddRange(type.GetFields(all).Select(f => f.FieldType));
        types.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            types.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                types.Add(info.ReturnType);
            }
            try
            {
                types.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            }
            catch (InvalidOperationException)
            {
            }
        }
        return types.Where(t => t is not null).SelectMany(t => Flatten(t!)).Distinct();
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }
        return type.IsGenericType ? new[] { type }.Concat(type.GetGenericArguments().SelectMany(Flatten)) : [type];
    }

    [GeneratedRegex(@"EParticipation\.Web\.Areas\.(\w+)")]
    private static partial Regex AreaNamespace();

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)")]
    private static partial Regex ClockRead();
}
