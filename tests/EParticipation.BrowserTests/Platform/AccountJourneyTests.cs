using EParticipation.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Platform;

/// <summary>A new participant registers and signs in through the real Arabic pages, by keyboard where a keyboard user would.</summary>
[Collection(BrowserSuite.Name)]
public sealed class AccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Visitor_RegistersConfirmsAndSignsInInArabic()
    {
        var email = $"noura-{Guid.NewGuid():N}@example.test";
        const string password = "كلمة-مرور-طويلة-2026";
        var page = await browser.NewPageAsync();

        await page.GotoAsync(browser.Server.Url("/ar"));
        await page.GetByRole(AriaRole.Link, new() { Name = "إنشاء حساب" }).First.ClickAsync();
        await page.WaitForURLAsync("**/ar/account/register");

        // The commercial-registration field appears only for a business representative.
        var cr = page.Locator("#CommercialRegistrationNumber");
        await Assertions.Expect(cr).ToBeHiddenAsync();
        await page.GetByLabel("ممثل منشأة تجارية").CheckAsync();
        await Assertions.Expect(cr).ToBeVisibleAsync();
        await page.GetByLabel("مواطن", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(cr).ToBeHiddenAsync();
        await page.GetByLabel("الاسم الكامل").FillAsync("نورة العتيبي");
        await page.GetByLabel("البريد الإلكتروني").FillAsync(email);
        // Two labels contain "كلمة المرور"; the fields' ids tell them apart.
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("#ConfirmPassword").FillAsync(password);
        await page.GetByLabel("قرأت شروط الاستخدام وسياسة الخصوصية وأوافق عليهما").CheckAsync();
        await browser.CheckAccessibilityAsync(page, "register-filled-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "إنشاء الحساب" }).ClickAsync();

        await page.WaitForURLAsync("**/ar/account/register/check-email");
        Assert.Equal("تحقّق من بريدك الإلكتروني", (await page.Locator("main h1").TextContentAsync())?.Trim());

        var mail = await browser.Server.PickupFolder.WaitForAsync(email);
        await page.GotoAsync(browser.Server.Url(mail.LinkContaining("/ar/account/confirm-email")));
        await page.GetByRole(AriaRole.Link, new() { Name = "تسجيل الدخول" }).Last.ClickAsync();

        // Sign in with the keyboard only: type, Tab to the next field, Enter to submit.
        await page.Locator("#Email").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/ar/account");
        Assert.Equal("نورة العتيبي", await page.Locator("#FullName").InputValueAsync());
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "account-ar");
    }

    [Fact]
    public async Task Register_WithMistakes_ShowsAnErrorSummaryThatLinksToEachField()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Server.Url("/ar/account/register"));
        await page.GetByRole(AriaRole.Button, new() { Name = "إنشاء الحساب" }).ClickAsync();

        var summary = page.Locator(".ep-error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "أدخل اسمك الكامل." })).ToBeVisibleAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "أدخل بريدك الإلكتروني." }).ClickAsync();
        Assert.EndsWith("#Email", page.Url, StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#Email").GetAttributeAsync("aria-invalid"));
        await browser.CheckAccessibilityAsync(page, "register-errors-ar");
    }
}
