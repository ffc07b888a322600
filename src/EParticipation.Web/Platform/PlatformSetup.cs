using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Content;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Serilog;

namespace EParticipation.Web.Platform;

/// <summary>What every module stands on: composed here so Program.cs stays a list of modules.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddPortalPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        AddLogging(builder);
        // Run from the build output (dotnet run in any environment, the tests), the precompressed and
        // fingerprinted static files live under obj/: this maps them. A published app has them in
        // wwwroot and no such map, and then this does nothing.
        builder.WebHost.UseStaticWebAssets();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(PortalHtml.Encoder);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();

        // Data
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxSaveChangesInterceptor>());
        services.AddPortalDatabase(configuration);
        services.AddSingleton<SeedFiles>();
        services.AddDataSeeder<ReferenceDataSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());

        // Keys in the database: every instance reads the same sign-in cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("EParticipation.Portal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));

        services.AddPortalIdentity(configuration);

        // Localisation: English text is the key; Arabic comes from the .ar.resx beside each marker.
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SupportedCultures = PortalCultures.All;
            o.SupportedUICultures = PortalCultures.All;
            o.DefaultRequestCulture = new RequestCulture(PortalCultures.For(PortalCultures.Default));
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new PathRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = PortalCultures.CookieName },
            ];
        });
        services.Configure<RouteOptions>(o =>
        {
            o.ConstraintMap["lang"] = typeof(LanguageRouteConstraint);
            o.LowercaseUrls = true;
        });

        // Pages carry antiforgery tokens, which are masked afresh on every response, so compressing
        // them over HTTPS does not let BREACH recover a token.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddControllersWithViews(o =>
            {
                // Every unsafe request (POST, PUT, DELETE) needs a valid antiforgery token; 400 otherwise.
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                ModelBindingMessages.Localize(o.ModelBindingMessageProvider);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ep-csrf";
            o.Cookie.SecurePolicy = CookiePolicy.SecurePolicy(configuration);
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "ep-tempdata";
            o.Cookie.SecurePolicy = CookiePolicy.SecurePolicy(configuration);
            o.Cookie.IsEssential = true;
        });
        services.AddValidatorsFromAssemblyOf<SharedResource>();
        services.AddPortalRateLimits(configuration);

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Portal:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        // Platform services
        services.AddScoped<AuditLog>();
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<ContentPages>();

        // Notifications
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<IEmailTransport, SystemNetMailTransport>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<Notifier>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<DigestSender>();
        if ((configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new()).DigestEnabled)
        {
            services.AddHostedService<DigestService>();
        }
        services.AddSingleton(new AccountLink("Notification preferences", "account/notifications", 50, typeof(SharedResource)));
        services.AddSingleton(new AccountLink("Download my data", "account/data", 90, typeof(SharedResource)));
        services.AddSingleton(new AccountLink("Delete my account", "account/delete", 95, typeof(SharedResource)));
        services.AddScoped<PersonalDataService>();
        services.AddScoped<IPersonalDataContributor, NotificationPersonalData>();
        if ((configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new()).Enabled)
        {
            services.AddHostedService<OutboxDispatcherService>();
        }
        return builder;
    }

    public static WebApplication UsePortalPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetSection("Portal:KnownProxies").Exists())
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<RequestLoggingMiddleware>();
        // The friendly error page in every environment: no stack trace ever reaches a page.
        app.UseExceptionHandler("/error/500");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // Pages and the API (every address under a language or /api) are compressed here. Static files
        // are not: MapStaticAssets sends their precompressed copies, and this middleware would hide the
        // browser's Accept-Encoding from it.
        app.UseWhen(c => IsPageOrApi(c.Request.Path), b => b.UseResponseCompression());
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseMiddleware<LanguageCookieMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGet("/", RootRedirect.Handle);
        // wwwroot as built: fingerprinted addresses cached for a year, ETags, precompressed copies.
        app.MapStaticAssets();
        app.MapControllers().WithStaticAssets();
        return app;
    }

    private static bool IsPageOrApi(PathString path) =>
        path.StartsWithSegments("/ar") || path.StartsWithSegments("/en") || path.StartsWithSegments("/api");

    private static void AddLogging(WebApplicationBuilder builder)
    {
        // Serilog.AspNetCore does not restore here: Serilog plugs into Microsoft.Extensions.Logging
        // and RequestLoggingMiddleware writes the one line per request.
        var logs = PortalPaths.Under(builder.Configuration, "logs");
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(
                Path.Combine(logs, "portal-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 30,
                fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                shared: true,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
