using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity.Sessions;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Seeding;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Identity;

public static class IdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<ApplicationUser, ApplicationRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // Length over composition rules (NIST SP 800-63B): at least 10 characters, a few
                // distinct ones, and not the email address (PasswordNotContainingEmailValidator).
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Identity:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Identity:LockoutMinutes", 15));
                o.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<EmailConfirmationTokenProvider>(EmailConfirmationTokenProvider.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordNotContainingEmailValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        // Reset links live two hours; confirmation links three days (their own provider below).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.Configure<EmailConfirmationTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        // Identity re-reads the account's claims every minute (SecurityStampValidator). Ending a
        // session does not wait for it: the ticket store checks the security stamp on every request.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var sessions = configuration.GetSection(SignInSessionOptions.Section).Get<SignInSessionOptions>() ?? new SignInSessionOptions();
        services.Configure<SignInSessionOptions>(configuration.GetSection(SignInSessionOptions.Section));
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<Caching.IInvalidatable>(sp => sp.GetRequiredService<DatabaseTicketStore>());
        services.AddSingleton<SessionChangeInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<SessionChangeInterceptor>());
        services.AddScoped<UserSessions>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((o, store) => o.SessionStore = store);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ep-auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Security.CookiePolicy.SecurePolicy(configuration);
            // The cookie slides with the participants' idle timeout; the store ends idle staff
            // sessions sooner (Sessions:StaffIdleMinutes).
            o.ExpireTimeSpan = sessions.IdleTimeout(isStaff: false);
            o.SlidingExpiration = true;
            o.LoginPath = "/ar/account/login";
            o.AccessDeniedPath = "/ar/account/login";
            // AddIdentity installed the events object with its security-stamp check
            // (OnValidatePrincipal): set the two redirects on it, never replace it.
            // Send the visitor to the sign-in page in the language they were reading.
            o.Events.OnRedirectToLogin = context =>
            {
                var language = PortalCultures.FromRequest(context.HttpContext) ?? PortalCultures.Default;
                var uri = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
                var local = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
                context.Response.Redirect(local.Replace("/ar/account/login", "/" + language + "/account/login", StringComparison.Ordinal));
                return Task.CompletedTask;
            };
            // A signed-in user without the right gets a 403 page, not a sign-in form.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Moderator, p => p.RequireRole(Roles.Moderator))
            .AddPolicy(Policies.AgencyStaff, p => p.RequireClaim(PortalClaims.AgencyId).RequireRole(Roles.AgencyRoles))
            .AddPolicy(Policies.AgencyPublisher, p => p.RequireClaim(PortalClaims.AgencyId).RequireRole(Roles.AgencyPublisher))
            .AddPolicy(Policies.LegislationReviewer, p => p.RequireClaim(PortalClaims.AgencyId).RequireRole(Roles.LegislationReviewer))
            .AddPolicy(Policies.CaseOfficer, p => p.RequireClaim(PortalClaims.AgencyId).RequireRole(Roles.CaseOfficer))
            .AddPolicy(Policies.VocAnalyst, p => p.RequireClaim(PortalClaims.AgencyId).RequireRole(Roles.VocAnalyst))
            .AddPolicy(Policies.BusinessRepresentative, p => p.RequireClaim(PortalClaims.AccountType, nameof(AccountType.Business)));

        services.AddScoped<AccountEmails>();
        services.AddScoped<TargetGroupDeclarations>();
        services.AddDataSeeder<RolesSeeder>();
        services.AddDataSeeder<DemoAccountsSeeder>();
        return services;
    }
}

public sealed class EmailConfirmationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public EmailConfirmationTokenProviderOptions()
    {
        Name = EmailConfirmationTokenProvider.ProviderName;
    }
}

/// <summary>Confirmation links outlive reset links: people often register and confirm days apart.</summary>
public sealed class EmailConfirmationTokenProvider(
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtectionProvider,
    IOptions<EmailConfirmationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "EmailConfirmation";
}
