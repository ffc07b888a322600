using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>
/// Consultations, part 2: the review of comments after closing (a disposition, a public response and
/// the group of near-identical comments on each comment; when the consultation was last grouped),
/// and the summary report (its narrative and each article's final text). New non-null columns on the
/// comments table get an empty default for the rows already there; their search text starts as
/// their body as written (normalisation needs code, not SQL) and is normalised when edited.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261125000001_ConsultationReview")]
public sealed class ConsultationReview : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(
            name: "GroupedAt",
            table: "Consultations",
            nullable: true);

        migrationBuilder.CreateTable(
            name: "ConsultationReports",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedById = table.Column<Guid>(nullable: true),
                PublishedById = table.Column<Guid>(nullable: true),
                NarrativeAr = table.Column<string>(maxLength: 20000, nullable: false),
                NarrativeEn = table.Column<string>(maxLength: 20000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationReports_AspNetUsers_PublishedById",
                    column: x => x.PublishedById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationReports_AspNetUsers_UpdatedById",
                    column: x => x.UpdatedById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationReports_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.AddColumn<string>(
            name: "SearchText",
            table: "ConsultationComments",
            maxLength: 4000, nullable: false, defaultValue: "");

        migrationBuilder.Sql("UPDATE \"ConsultationComments\" SET \"SearchText\" = \"Body\"");

        migrationBuilder.AddColumn<string>(
            name: "Disposition",
            table: "ConsultationComments",
            maxLength: 20, nullable: true);

        migrationBuilder.AddColumn<DateTime>(
            name: "DispositionAt",
            table: "ConsultationComments",
            nullable: true);

        migrationBuilder.AddColumn<Guid>(
            name: "DispositionById",
            table: "ConsultationComments",
            nullable: true);

        migrationBuilder.AddColumn<long>(
            name: "GroupId",
            table: "ConsultationComments",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "ResponseAr",
            table: "ConsultationComments",
            maxLength: 1000, nullable: false, defaultValue: "");

        migrationBuilder.AddColumn<string>(
            name: "ResponseEn",
            table: "ConsultationComments",
            maxLength: 1000, nullable: false, defaultValue: "");

        migrationBuilder.CreateTable(
            name: "ConsultationReportArticles",
            columns: table => new
            {
                ReportId = table.Column<int>(nullable: false),
                ArticleId = table.Column<int>(nullable: false),
                FinalBodyAr = table.Column<string>(maxLength: 20000, nullable: false),
                FinalBodyEn = table.Column<string>(maxLength: 20000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationReportArticles", x => new { x.ReportId, x.ArticleId });
                table.ForeignKey(
                    name: "FK_ConsultationReportArticles_ConsultationArticles_ArticleId",
                    column: x => x.ArticleId,
                    principalTable: "ConsultationArticles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ConsultationReportArticles_ConsultationReports_ReportId",
                    column: x => x.ReportId,
                    principalTable: "ConsultationReports",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ConsultationId_GroupId",
            table: "ConsultationComments",
            columns: new[] { "ConsultationId", "GroupId" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ConsultationId_Status_Disposition",
            table: "ConsultationComments",
            columns: new[] { "ConsultationId", "Status", "Disposition" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationReportArticles_ArticleId",
            table: "ConsultationReportArticles",
            column: "ArticleId");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationReports_ConsultationId",
            table: "ConsultationReports",
            column: "ConsultationId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationReports_PublishedById",
            table: "ConsultationReports",
            column: "PublishedById");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationReports_UpdatedById",
            table: "ConsultationReports",
            column: "UpdatedById");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_ConsultationComments_ConsultationId_Status_Disposition", table: "ConsultationComments");
        migrationBuilder.DropIndex(name: "IX_ConsultationComments_ConsultationId_GroupId", table: "ConsultationComments");
        migrationBuilder.DropTable(name: "ConsultationReportArticles");
        migrationBuilder.DropColumn(name: "ResponseEn", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "ResponseAr", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "GroupId", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "DispositionById", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "DispositionAt", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "Disposition", table: "ConsultationComments");
        migrationBuilder.DropColumn(name: "SearchText", table: "ConsultationComments");
        migrationBuilder.DropTable(name: "ConsultationReports");
        migrationBuilder.DropColumn(name: "GroupedAt", table: "Consultations");
    }
}
