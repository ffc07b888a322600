using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>
/// The consultation page's newest comments on the whole draft: a partial index in id order replaces
/// (ConsultationId, Status, ArticleId, Id), which PostgreSQL could not use for "ArticleId IS NULL …
/// ORDER BY Id DESC" without reading and sorting all of them (bench/README.md). Comments on articles
/// keep their (ArticleId, Status, Id) index.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261125000002_ConsultationPerformance")]
public sealed class ConsultationPerformance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_ConsultationComments_ConsultationId_Status_ArticleId_Id", table: "ConsultationComments");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ConsultationId_Status_Id",
            table: "ConsultationComments",
            columns: new[] { "ConsultationId", "Status", "Id" },
            filter: "\"ArticleId\" IS NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_ConsultationComments_ConsultationId_Status_Id", table: "ConsultationComments");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ConsultationId_Status_ArticleId_Id",
            table: "ConsultationComments",
            columns: new[] { "ConsultationId", "Status", "ArticleId", "Id" });
    }
}
