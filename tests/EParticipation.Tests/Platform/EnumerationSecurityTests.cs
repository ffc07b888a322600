using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Which accounts exist cannot be told apart (issue 10, finding 3): an unknown address costs the
/// same password-hash check as a real one, a locked account answers like a wrong password, and the
/// sign-in limit counts per client and per submitted address.
/// </summary>
public sealed class EnumerationSecurityTests(EnumerationSecurityTests.CountingPortal factory) : IClassFixture<EnumerationSecurityTests.CountingPortal>
{
    [Fact]
    public async Task SignIn_WithAnUnknownEmail_RunsThePasswordHasherLikeAKnownOne()
    {
        var user = await TestAccounts.CreateAsync(factory);

        var before = factory.Hasher.Verifications;
        var unknown = await factory.Client().SubmitAsync("/ar/account/login", Form($"nobody-{Guid.NewGuid():N}@example.test", "wrong-password-1"));
        var afterUnknown = factory.Hasher.Verifications;
        var known = await factory.Client().SubmitAsync("/ar/account/login", Form(user.Email!, "wrong-password-1"));
        var afterKnown = factory.Hasher.Verifications;

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterKnown - afterUnknown);
        Assert.Equal(await ErrorsAsync(unknown), await ErrorsAsync(known));
    }

    [Fact]
    public async Task SignIn_ToALockedAccount_EvenWithTheRightPassword_AnswersLikeAnUnknownEmail()
    {
        var user = await TestAccounts.CreateAsync(factory);
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            return await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddMinutes(15));
        });

        var before = factory.Hasher.Verifications;
        var locked = await factory.Client().SubmitAsync("/ar/account/login", Form(user.Email!, TestAccounts.Password));
        Assert.Equal(1, factory.Hasher.Verifications - before);
        var unknown = await factory.Client().SubmitAsync("/ar/account/login", Form($"nobody-{Guid.NewGuid():N}@example.test", TestAccounts.Password));

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(await ErrorsAsync(unknown), await ErrorsAsync(locked));
        Assert.DoesNotContain("مقفل مؤقتًا", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAnAddressThatHasAnAccount_HashesThePasswordLikeANewAccount()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        var before = factory.Hasher.Hashes;
        var response = await factory.Client().SubmitAsync("/ar/account/register", new Dictionary<string, string>
        {
            ["AccountType"] = "Citizen",
            ["FullName"] = "Someone",
            ["Email"] = owner.Email!,
            ["Password"] = "a long enough passphrase",
            ["ConfirmPassword"] = "a long enough passphrase",
            ["AcceptTerms"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, factory.Hasher.Hashes - before);
    }

    private static Dictionary<string, string> Form(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    private static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await PortalClient.ParseAsync(response);
        return page.QuerySelector("main .ep-error-summary, main [role=alert]")?.TextContent.Trim() ?? "";
    }

    /// <summary>The portal with Identity's real hasher, counted.</summary>
    public sealed class CountingPortal : PortalFactory
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
        }
    }

    /// <summary>Identity's own PasswordHasher, counting its calls.</summary>
    public sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new(Options.Create(new PasswordHasherOptions()));
        private int _verifications;
        private int _hashes;

        public int Verifications => Volatile.Read(ref _verifications);

        public int Hashes => Volatile.Read(ref _hashes);

        public string HashPassword(ApplicationUser user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
