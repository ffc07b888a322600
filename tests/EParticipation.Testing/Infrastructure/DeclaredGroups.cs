using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Infrastructure;

/// <summary>Declares target groups for an account directly (what the account page's groups form stores).</summary>
public static class DeclaredGroups
{
    public static async Task<ApplicationUser> DeclareAsync(PortalFactory factory, ApplicationUser user, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = await db.TargetGroups.Where(g => codes.Contains(g.Code)).Select(g => g.Id).ToListAsync();
        Assert.Equal(codes.Length, ids.Count);
        await scope.ServiceProvider.GetRequiredService<TargetGroupDeclarations>().SetAsync(user.Id, ids);
        return user;
    }

    public static Task<int> IdAsync(PortalFactory factory, string code)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => db.TargetGroups.Where(g => g.Code == code).Select(g => g.Id).SingleAsync());
    }
}
