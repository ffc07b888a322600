using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.SqlServer
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecipientId",
                table: "OutboxMessages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeKind",
                table: "OutboxMessages",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FanOutEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    TargetId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    ExceptUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpToFollowId = table.Column<long>(type: "bigint", nullable: false),
                    Cursor = table.Column<long>(type: "bigint", nullable: false),
                    Emails = table.Column<int>(type: "int", nullable: false),
                    DigestItems = table.Column<int>(type: "int", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClaimedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FanOutEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvalidationVersions",
                columns: table => new
                {
                    Topic = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvalidationVersions", x => x.Topic);
                });

            migrationBuilder.CreateTable(
                name: "FanOutContents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FanOutEventId = table.Column<long>(type: "bigint", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HtmlBody = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HeadersJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    DigestTitle = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    DigestSummary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DigestUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
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
                unique: true,
                filter: "[FanOutEventId] IS NOT NULL AND [RecipientId] IS NOT NULL");

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
