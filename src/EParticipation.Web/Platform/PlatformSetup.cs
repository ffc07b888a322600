using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Content;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Caching;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;
using EParticipation.Web.Platform.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Serilog;
using Serilog.Formatting.Display;

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
        services.AddSingleton<FanOutSignal>();
        services.AddCrossInstanceInvalidation(configuration);
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxSaveChangesInterceptor>());
        services.AddPortalDatabase(configuration);
        services.AddSingleton<SeedFiles>();
        services.AddDataSeeder<ReferenceDataSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());

        services.AddPortalDataProtection(configuration, builder.Environment);

        services.AddPortalIdentity(configuration);

        // Localisation: English text is the key; Arabic comes from the .ar.resx beside each marker.
        services.AddLocalization();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>();
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
                // Date fields with a separate 24-hour time (FormFieldTagHelper's datetime-local).
                o.ModelBinderProviders.Insert(0, new Platform.Web.DateAndTimeModelBinderProvider());
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
            o.Cookie.Name = CachedPages.TempDataCookie;
            o.Cookie.SecurePolicy = CookiePolicy.SecurePolicy(configuration);
            o.Cookie.IsEssential = true;
        });
        services.AddValidatorsFromAssemblyContaining<SharedResource>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddPortalRateLimits(configuration);
        // One body limit for Kestrel and for RequestSizeMiddleware (which also answers form-limit failures).
        services.Configure<RequestSizeLimits>(configuration.GetSection(RequestSizeLimits.Section));
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Limits.MaxRequestBodySize =
            (context.Configuration.GetSection(RequestSizeLimits.Section).Get<RequestSizeLimits>() ?? new RequestSizeLimits()).MaxRequestBodyBytes);

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        // Outside Development: refuse to start (ValidateOnStart) until the deployment is described.
        if (!builder.Environment.IsDevelopment())
        {
            services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DeploymentSettings>, DeploymentSettingsValidator>();
            services.AddOptions<DeploymentSettings>()
                .Configure(o => o.ReadFrom(configuration))
                .ValidateOnStart();
        }

        // Behind a reverse proxy, the client's address (rate limits, logs) and scheme come from the
        // X-Forwarded-* headers of the proxies and networks named here, and from no one else.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var settings = new DeploymentSettings().ReadFrom(configuration);
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Platform services
        services.AddScoped<AuditLog>();
        services.AddTableSnapshot<Agencies.AgencyDirectory, Agencies.AgencyDirectory.Agencies>();
        services.AddScoped<Calendar.WorkingDays>();
        services.AddSingleton<Calendar.HolidayCalendarCache>();
        services.AddSingleton<Caching.IInvalidatable>(sp => sp.GetRequiredService<Calendar.HolidayCalendarCache>());
        services.AddSingleton<Calendar.HolidayChangeInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<Calendar.HolidayChangeInterceptor>());
        Cases.CasesSetup.AddCases(services, configuration);
        services.AddSingleton<PortalLinks>();
        services.AddSingleton<ContentPages>();

        // Notifications
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<IEmailTransport, MailKitTransport>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.Configure<FanOutOptions>(configuration.GetSection(FanOutOptions.Section));
        services.AddSingleton<FanOutJob>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<Notifier>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<DigestSender>();
        if ((configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new()).DigestEnabled)
        {
            services.AddHostedService<DigestService>();
        }
        services.AddSingleton(new AccountLink("Notification preferences", "account/notifications", 50, typeof(SharedResource)));
        services.AddSingleton(new AccountLink("Signed-in devices", "account/sessions", 60, typeof(SharedResource)));
        services.AddSingleton(new AccountLink("Download my data", "account/data", 90, typeof(SharedResource)));
        services.AddSingleton(new AccountLink("Delete my account", "account/delete", 95, typeof(SharedResource)));
        services.AddScoped<PersonalDataService>();
        services.AddScoped<IPersonalDataContributor, NotificationPersonalData>();
        services.AddScoped<IPersonalDataContributor, EParticipation.Web.Platform.Moderation.ModerationPersonalData>();
        if ((configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new()).Enabled)
        {
            services.AddHostedService<OutboxDispatcherService>();
        }
        if ((configuration.GetSection(FanOutOptions.Section).Get<FanOutOptions>() ?? new()).Enabled)
        {
            services.AddHostedService<FanOutService>();
        }
        return builder;
    }

    public static WebApplication UsePortalPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>(DeploymentSettings.BehindProxyKey)
            || app.Configuration.GetSection(DeploymentSettings.KnownProxiesKey).Exists()
            || app.Configuration.GetSection(DeploymentSettings.KnownNetworksKey).Exists())
        {
            app.UseForwardedHeaders();
        }
        // One line per request: method, path (never the query string: confirmation and reset links
        // carry tokens there), status and elapsed time.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.IncludeQueryInRequestPath = false;
        });
        // The friendly error page in every environment: no stack trace ever reaches a page.
        // The error page runs in a fresh scope: the request's own authentication result (a failed
        // session lookup while the database is down) would otherwise be replayed and fail it too.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", CreateScopeForErrors = true });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<RequestSizeMiddleware>();
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
        // A form sent to an address that does not exist is a missing page (the friendly 404). Without
        // this, it answered 405: when the portal runs from its build output, static assets add a
        // GET-only catch-all, and routing answers "method not allowed" for any other method. GET and
        // HEAD find no endpoint and get the 404 as before.
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).WithMetadata(new HttpMethodMetadata([HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete]));
        return app;
    }

    private static bool IsPageOrApi(PathString path) =>
        path.StartsWithSegments("/ar") || path.StartsWithSegments("/en") || path.StartsWithSegments("/api");

    private static void AddLogging(WebApplicationBuilder builder)
    {
        // Serilog.AspNetCore: Serilog is the logger factory (levels from the "Serilog" section);
        // UsePortalPlatform adds its request logging. Each host has its own logger (the static
        // Log.Logger is left alone), so several portals in one process (tests) keep their own files.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            logger
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                // Last enricher: every string property, whoever added it, is escaped before any sink.
                .Enrich.With<ControlCharacterEscaper>()
                .WriteTo.Console(new IndentedContinuationFormatter(new MessageTemplateTextFormatter(
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", culture)))
                .WriteTo.File(
                    new IndentedContinuationFormatter(new MessageTemplateTextFormatter(
                        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", culture)),
                    Path.Combine(PortalPaths.Under(configuration, "logs"), "portal-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 30,
                    fileSizeLimitBytes: 100 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    shared: true);
        }, preserveStaticLogger: true);
    }
}
