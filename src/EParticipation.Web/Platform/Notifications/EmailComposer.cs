using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using EParticipation.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>What an email says, already in the recipient's language; the composer adds the frame.</summary>
public sealed record EmailContent
{
    public required string Subject { get; init; }

    public string? Greeting { get; init; }

    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>The consultation, idea or case the email is about.</summary>
    public string? ItemTitle { get; init; }

    public string? TrackingNumber { get; init; }

    public EmailLink? Action { get; init; }

    /// <summary>A list of entries, each with its own link (the daily digest).</summary>
    public IReadOnlyList<EmailItem> Items { get; init; } = [];

    /// <summary>Files sent with the email.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Signed link that stops this kind of email without signing in.</summary>
    public string? UnsubscribeUrl { get; init; }
}

public sealed record EmailLink(string Label, string Url);

public sealed record EmailItem(string Title, string Text, string Url);

/// <summary>
/// Turns content into the HTML and plain-text bodies every portal email shares: the portal's name,
/// the item and its tracking number, a link back, and (for follow-ups) an unsubscribe link.
/// Arabic HTML is right to left.
/// </summary>
public sealed class EmailComposer(IStringLocalizer<SharedResource> s)
{
    public EmailMessage Compose(string to, string? toName, string language, EmailContent content, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var scope = CultureScope.Use(language);
        var portal = s["E-Participation Portal"].Value;
        var headers = new Dictionary<string, string>();
        if (content.UnsubscribeUrl is { } unsubscribe)
        {
            headers["List-Unsubscribe"] = $"<{unsubscribe}>";
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }
        return new EmailMessage
        {
            To = to,
            ToName = toName,
            Subject = $"{content.Subject} | {portal}",
            TextBody = Text(content, portal),
            HtmlBody = Html(content, portal, language),
            MessageId = messageId ?? NewMessageId(),
            Headers = headers,
            Attachments = content.Attachments,
        };
    }

    /// <summary>The default label of the link back to an item.</summary>
    public string OpenLabel(string language)
    {
        using var scope = CultureScope.Use(language);
        return s["Open it on the portal"];
    }

    public static string NewMessageId() =>
        string.Create(CultureInfo.InvariantCulture, $"<{Guid.NewGuid():N}@eparticipation.portal>");

    private string Text(EmailContent c, string portal)
    {
        var text = new StringBuilder();
        text.AppendLine(portal).AppendLine();
        if (c.Greeting is not null)
        {
            text.AppendLine(c.Greeting).AppendLine();
        }
        if (c.ItemTitle is not null)
        {
            text.Append(s["Subject of this email"]).Append(": ").AppendLine(c.ItemTitle);
        }
        if (c.TrackingNumber is not null)
        {
            text.Append(s["Tracking number"]).Append(": ").AppendLine(c.TrackingNumber);
        }
        if (c.ItemTitle is not null || c.TrackingNumber is not null)
        {
            text.AppendLine();
        }
        foreach (var p in c.Paragraphs)
        {
            text.AppendLine(p).AppendLine();
        }
        foreach (var item in c.Items)
        {
            text.Append("- ").AppendLine(item.Title);
            if (item.Text.Length > 0)
            {
                text.Append("  ").AppendLine(item.Text);
            }
            text.Append("  ").AppendLine(item.Url).AppendLine();
        }
        if (c.Action is { } action)
        {
            text.Append(action.Label).Append(": ").AppendLine(action.Url).AppendLine();
        }
        text.AppendLine("--").AppendLine(s["This email was sent by the E-Participation Portal. Please do not reply to it."]);
        if (c.UnsubscribeUrl is not null)
        {
            text.Append(s["Stop these emails"]).Append(": ").AppendLine(c.UnsubscribeUrl);
        }
        return text.ToString();
    }

    private string Html(EmailContent c, string portal, string language)
    {
        var e = PortalHtml.Encoder;
        var dir = language == PortalCultures.Arabic ? "rtl" : "ltr";
        var align = language == PortalCultures.Arabic ? "right" : "left";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{e.Encode(c.Subject)}</title></head>");
        html.Append(CultureInfo.InvariantCulture, $"<body dir=\"{dir}\" style=\"margin:0;padding:0;background:#f4f6f5;font-family:Tahoma,Arial,sans-serif;color:#1b1f1d;text-align:{align}\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td style=\"padding:24px\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;margin:0 auto;background:#ffffff;border-top:6px solid #006c35\">");
        html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:20px 24px;font-size:18px;font-weight:bold;color:#006c35\">{e.Encode(portal)}</td></tr>");
        html.Append("<tr><td style=\"padding:0 24px 24px;font-size:15px;line-height:1.7\">");
        if (c.Greeting is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{e.Encode(c.Greeting)}</p>");
        }
        if (c.ItemTitle is not null || c.TrackingNumber is not null)
        {
            html.Append("<table role=\"presentation\" cellpadding=\"6\" cellspacing=\"0\" style=\"background:#eef5f1;width:100%;margin:8px 0\">");
            if (c.ItemTitle is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\" style=\"text-align:{align};width:35%\">{e.Encode(s["Subject of this email"])}</th><td>{e.Encode(c.ItemTitle)}</td></tr>");
            }
            if (c.TrackingNumber is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\" style=\"text-align:{align};width:35%\">{e.Encode(s["Tracking number"])}</th><td dir=\"ltr\" style=\"text-align:{align}\"><strong>{e.Encode(c.TrackingNumber)}</strong></td></tr>");
            }
            html.Append("</table>");
        }
        foreach (var p in c.Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{e.Encode(p)}</p>");
        }
        if (c.Items.Count > 0)
        {
            html.Append("<ul>");
            foreach (var item in c.Items)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li style=\"margin-bottom:12px\"><a href=\"{e.Encode(item.Url)}\" style=\"color:#006c35;font-weight:bold\">{e.Encode(item.Title)}</a>");
                if (item.Text.Length > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br>{e.Encode(item.Text)}");
                }
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        if (c.Action is { } action)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:24px 0\"><a href=\"{e.Encode(action.Url)}\" style=\"background:#006c35;color:#ffffff;padding:10px 18px;text-decoration:none;border-radius:4px;display:inline-block\">{e.Encode(action.Label)}</a></p>");
            html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:13px;color:#4a524e\">{e.Encode(s["If the button does not work, copy this address into your browser:"])}<br><span dir=\"ltr\">{e.Encode(action.Url)}</span></p>");
        }
        html.Append("</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:16px 24px;font-size:12px;color:#4a524e;border-top:1px solid #dde3e0\">{e.Encode(s["This email was sent by the E-Participation Portal. Please do not reply to it."])}");
        if (c.UnsubscribeUrl is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $" <a href=\"{e.Encode(c.UnsubscribeUrl)}\" style=\"color:#006c35\">{e.Encode(s["Stop these emails"])}</a>");
        }
        html.Append("</td></tr></table></td></tr></table></body></html>");
        return html.ToString();
    }
}
