using EParticipation.Web.Platform.Comments;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<ThreadComment> ThreadComments => Set<ThreadComment>();
}
