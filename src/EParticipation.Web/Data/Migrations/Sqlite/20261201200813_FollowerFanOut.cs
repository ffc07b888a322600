using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowerFanOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Follows_Kind_TargetId",
                table: "Follows");

            migrationBuilder.AddColumn<long>(
                name: "FanOutEventId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecipientId",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeKind",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FanOutEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ExceptUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpToFollowId = table.Column<long>(type: "INTEGER", nullable: false),
                    Cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    Emails = table.Column<int>(type: "INTEGER", nullable: false),
                    DigestItems = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FanOutEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvalidationVersions",
                columns: table => new
                {
                    Topic = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvalidationVersions", x => x.Topic);
                });

            migrationBuilder.CreateTable(
                name: "FanOutContents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FanOutEventId = table.Column<long>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    HeadersJson = table.Column<string>(type: "TEXT", nullable: true),
                    DigestTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DigestSummary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DigestUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FanOutContents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FanOutContents_FanOutEvents_FanOutEventId",
                        column: x => x.FanOutEventId,
                        principalTable: "FanOutEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_FanOutEventId_RecipientId",
                table: "OutboxMessages",
                columns: new[] { "FanOutEventId", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Follows_Kind_TargetId_Id",
                table: "Follows",
                columns: new[] { "Kind", "TargetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FanOutContents_FanOutEventId_Language",
                table: "FanOutContents",
                columns: new[] { "FanOutEventId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FanOutEvents_CompletedAt_Id",
                table: "FanOutEvents",
                columns: new[] { "CompletedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FanOutContents");

            migrationBuilder.DropTable(
                name: "InvalidationVersions");

            migrationBuilder.DropTable(
                name: "FanOutEvents");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_FanOutEventId_RecipientId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_Follows_Kind_TargetId_Id",
                table: "Follows");

            migrationBuilder.DropColumn(
                name: "FanOutEventId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "RecipientId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "UnsubscribeKind",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_Kind_TargetId",
                table: "Follows",
                columns: new[] { "Kind", "TargetId" });
        }
    }
}
