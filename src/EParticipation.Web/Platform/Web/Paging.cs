using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Web;

/// <summary>One page of a list, with what the pager needs to link the others.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>More rows match than were counted (see <see cref="PagingExtensions.ToPagedAsync{T}(IQueryable{T}, int, int, int, CancellationToken)"/>): Total is the limit.</summary>
    public bool TotalIsLimit { get; init; }

    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));

    public PagerModel Pager(string path, IEnumerable<KeyValuePair<string, string?>> query) =>
        new(Page, PageCount, path, query.Where(q => q.Key != "page" && !string.IsNullOrEmpty(q.Value)).ToList());
}

public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyList<KeyValuePair<string, string?>> Query)
{
    public string Href(int page)
    {
        var query = page == 1 ? Query : [.. Query, new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>First, last, and a window around the current page; 0 marks a gap.</summary>
    public IEnumerable<int> Window()
    {
        var pages = new SortedSet<int> { 1, PageCount };
        for (var p = Math.Max(1, Page - 2); p <= Math.Min(PageCount, Page + 2); p++)
        {
            pages.Add(p);
        }
        var previous = 0;
        foreach (var p in pages)
        {
            if (previous != 0 && p > previous + 1)
            {
                yield return 0;
            }
            yield return p;
            previous = p;
        }
    }
}

public static class PagingExtensions
{
    public const int MaxPageSize = 100;

    public static int ClampPage(int? page) => Math.Max(1, page ?? 1);

    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, pageSize, total);
    }

    /// <summary>
    /// A page of a list that may be very long (a work queue): rows are counted only up to
    /// <paramref name="countLimit"/>, so the count costs the same with 1,000 or 100,000 matches, and the
    /// pager reaches the first countLimit rows. Narrowing the filters reaches the rest.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize, int countLimit, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var counted = await query.Take(countLimit + 1).CountAsync(cancellationToken);
        var total = Math.Min(counted, countLimit);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, pageSize, total) { TotalIsLimit = counted > countLimit };
    }
}
