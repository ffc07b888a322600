using EParticipation.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Platform;

/// <summary>The signed-in devices page on a phone, in Arabic, used with the keyboard only.</summary>
[Collection(BrowserSuite.Name)]
public sealed class SessionsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task SessionsPage_OnAPhoneInArabic_IsReadableAndWorksWithTheKeyboard()
    {
        var laptop = await browser.NewPageAsync();
        await browser.SignInAsync(laptop, "resident@demo.portal.test", "Demo-Portal-2026");
        var phone = await browser.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await browser.SignInAsync(phone, "resident@demo.portal.test", "Demo-Portal-2026");

        await browser.OpenAsync(phone, "/ar/account/sessions");
        Assert.StartsWith("الأجهزة المسجَّل دخولها", await phone.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("rtl", await phone.Locator("html").GetAttributeAsync("dir"));
        Assert.True(await phone.Locator("main li.ep-session").CountAsync() >= 2);
        await Assertions.Expect(phone.Locator("main li.ep-session").First).ToContainTextAsync("هذا الجهاز");
        // Nothing wider than the phone's screen.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await browser.CheckAccessibilityAsync(phone, "ar-390-account-sessions");

        // The keyboard reaches "sign out everywhere" and it works.
        var everywhere = phone.Locator("main button.btn-danger");
        for (var i = 0; i < 60 && !await everywhere.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await phone.Keyboard.PressAsync("Tab");
        }
        Assert.True(await everywhere.EvaluateAsync<bool>("b => b === document.activeElement"), "Tab never reached \"sign out everywhere\"");
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForURLAsync(url => url.Contains("/ar/account/login", StringComparison.Ordinal));
        await Assertions.Expect(phone.Locator("main [role=status]")).ToContainTextAsync("سُجِّل خروجك من كل الأجهزة");

        await laptop.GotoAsync(browser.Server.Url("/ar/account"));
        Assert.Contains("/ar/account/login", laptop.Url, StringComparison.Ordinal);
    }
}
