using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>
/// Follows and per-kind email preferences (immediately, daily digest, never), and the items
/// waiting for a participant's daily digest.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000002_NotificationFollows")]
public sealed class NotificationFollows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DigestItems",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                TargetId = table.Column<string>(maxLength: 64, nullable: false),
                Title = table.Column<string>(maxLength: 500, nullable: false),
                Summary = table.Column<string>(maxLength: 1000, nullable: false),
                Url = table.Column<string>(maxLength: 500, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DigestItems", x => x.Id);
                table.ForeignKey(
                    name: "FK_DigestItems_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Follows",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                TargetId = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Follows", x => x.Id);
                table.ForeignKey(
                    name: "FK_Follows_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "NotificationPreferences",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                Frequency = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_NotificationPreferences", x => x.Id);
                table.ForeignKey(
                    name: "FK_NotificationPreferences_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DigestItems_SentAt_UserId",
            table: "DigestItems",
            columns: new[] { "SentAt", "UserId" });

        migrationBuilder.CreateIndex(
            name: "IX_DigestItems_UserId",
            table: "DigestItems",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_Follows_Kind_TargetId",
            table: "Follows",
            columns: new[] { "Kind", "TargetId" });

        migrationBuilder.CreateIndex(
            name: "IX_Follows_UserId_Kind_TargetId",
            table: "Follows",
            columns: new[] { "UserId", "Kind", "TargetId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_NotificationPreferences_UserId_Kind",
            table: "NotificationPreferences",
            columns: new[] { "UserId", "Kind" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NotificationPreferences");
        migrationBuilder.DropTable(name: "Follows");
        migrationBuilder.DropTable(name: "DigestItems");
    }
}
