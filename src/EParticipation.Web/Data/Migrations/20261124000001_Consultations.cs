using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>
/// Consultations, part 1: consultations with their target groups, articles, documents and
/// questionnaire; participants' comments, supports and questionnaire responses; and the platform's
/// generic content reports (Platform/Moderation), which the Ideation module will share.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124000001_Consultations")]
public sealed class Consultations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Consultations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AgencyId = table.Column<int>(nullable: false),
                SectorId = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                SearchText = table.Column<string>(maxLength: 4000, nullable: false),
                PublishAt = table.Column<DateTime>(nullable: true),
                OpensAt = table.Column<DateTime>(nullable: false),
                ClosesAt = table.Column<DateTime>(nullable: false),
                ReportPublishedAt = table.Column<DateTime>(nullable: true),
                Moderation = table.Column<string>(maxLength: 20, nullable: false),
                CommentCount = table.Column<int>(nullable: false),
                GeneralCommentCount = table.Column<int>(nullable: false),
                ResponseCount = table.Column<int>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SummaryAr = table.Column<string>(maxLength: 4000, nullable: false),
                SummaryEn = table.Column<string>(maxLength: 4000, nullable: false),
                TitleAr = table.Column<string>(maxLength: 300, nullable: false),
                TitleEn = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Consultations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Consultations_Agencies_AgencyId",
                    column: x => x.AgencyId,
                    principalTable: "Agencies",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Consultations_AspNetUsers_CreatedById",
                    column: x => x.CreatedById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Consultations_Sectors_SectorId",
                    column: x => x.SectorId,
                    principalTable: "Sectors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ContentReports",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ContentType = table.Column<string>(maxLength: 40, nullable: false),
                ContentId = table.Column<string>(maxLength: 64, nullable: false),
                ReporterId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 20, nullable: false),
                Details = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ResolvedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ContentReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_ContentReports_AspNetUsers_ReporterId",
                    column: x => x.ReporterId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationArticles",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                Number = table.Column<int>(nullable: false),
                CommentCount = table.Column<int>(nullable: false),
                BodyAr = table.Column<string>(nullable: false),
                BodyEn = table.Column<string>(nullable: false),
                HeadingAr = table.Column<string>(maxLength: 300, nullable: false),
                HeadingEn = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationArticles", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationArticles_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationDocuments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                StorageKey = table.Column<string>(maxLength: 64, nullable: false),
                FileName = table.Column<string>(maxLength: 200, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Size = table.Column<long>(nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                TitleAr = table.Column<string>(maxLength: 300, nullable: false),
                TitleEn = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationDocuments", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationDocuments_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationQuestions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Type = table.Column<string>(maxLength: 20, nullable: false),
                Required = table.Column<bool>(nullable: false),
                TextAr = table.Column<string>(maxLength: 500, nullable: false),
                TextEn = table.Column<string>(maxLength: 500, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationQuestions", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationQuestions_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationResponses",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationResponses", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationResponses_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationResponses_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationTargetGroups",
            columns: table => new
            {
                ConsultationId = table.Column<int>(nullable: false),
                TargetGroupId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationTargetGroups", x => new { x.ConsultationId, x.TargetGroupId });
                table.ForeignKey(
                    name: "FK_ConsultationTargetGroups_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ConsultationTargetGroups_TargetGroups_TargetGroupId",
                    column: x => x.TargetGroupId,
                    principalTable: "TargetGroups",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationComments",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConsultationId = table.Column<int>(nullable: false),
                ArticleId = table.Column<int>(nullable: true),
                AuthorId = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                SubmissionKey = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EditedAt = table.Column<DateTime>(nullable: true),
                ModeratedAt = table.Column<DateTime>(nullable: true),
                ModeratedById = table.Column<Guid>(nullable: true),
                RejectionReason = table.Column<string>(maxLength: 500, nullable: true),
                SupportCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationComments", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationComments_AspNetUsers_AuthorId",
                    column: x => x.AuthorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationComments_ConsultationArticles_ArticleId",
                    column: x => x.ArticleId,
                    principalTable: "ConsultationArticles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationComments_Consultations_ConsultationId",
                    column: x => x.ConsultationId,
                    principalTable: "Consultations",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationQuestionOptions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                QuestionId = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                TextAr = table.Column<string>(maxLength: 300, nullable: false),
                TextEn = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationQuestionOptions", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationQuestionOptions_ConsultationQuestions_QuestionId",
                    column: x => x.QuestionId,
                    principalTable: "ConsultationQuestions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationCommentSupports",
            columns: table => new
            {
                CommentId = table.Column<long>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationCommentSupports", x => new { x.CommentId, x.UserId });
                table.ForeignKey(
                    name: "FK_ConsultationCommentSupports_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ConsultationCommentSupports_ConsultationComments_CommentId",
                    column: x => x.CommentId,
                    principalTable: "ConsultationComments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ConsultationAnswers",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ResponseId = table.Column<long>(nullable: false),
                QuestionId = table.Column<int>(nullable: false),
                OptionId = table.Column<int>(nullable: true),
                ScaleValue = table.Column<int>(nullable: true),
                Text = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConsultationAnswers", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConsultationAnswers_ConsultationQuestionOptions_OptionId",
                    column: x => x.OptionId,
                    principalTable: "ConsultationQuestionOptions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ConsultationAnswers_ConsultationQuestions_QuestionId",
                    column: x => x.QuestionId,
                    principalTable: "ConsultationQuestions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ConsultationAnswers_ConsultationResponses_ResponseId",
                    column: x => x.ResponseId,
                    principalTable: "ConsultationResponses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationAnswers_OptionId",
            table: "ConsultationAnswers",
            column: "OptionId");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationAnswers_QuestionId_OptionId",
            table: "ConsultationAnswers",
            columns: new[] { "QuestionId", "OptionId" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationAnswers_ResponseId",
            table: "ConsultationAnswers",
            column: "ResponseId");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationArticles_ConsultationId_Number",
            table: "ConsultationArticles",
            columns: new[] { "ConsultationId", "Number" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ArticleId_Status_Id",
            table: "ConsultationComments",
            columns: new[] { "ArticleId", "Status", "Id" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_AuthorId_CreatedAt",
            table: "ConsultationComments",
            columns: new[] { "AuthorId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_AuthorId_SubmissionKey",
            table: "ConsultationComments",
            columns: new[] { "AuthorId", "SubmissionKey" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_ConsultationId_Status_ArticleId_Id",
            table: "ConsultationComments",
            columns: new[] { "ConsultationId", "Status", "ArticleId", "Id" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationComments_Status_ModeratedAt_CreatedAt",
            table: "ConsultationComments",
            columns: new[] { "Status", "ModeratedAt", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationCommentSupports_UserId",
            table: "ConsultationCommentSupports",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationDocuments_ConsultationId",
            table: "ConsultationDocuments",
            column: "ConsultationId");

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationQuestionOptions_QuestionId_Position",
            table: "ConsultationQuestionOptions",
            columns: new[] { "QuestionId", "Position" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationQuestions_ConsultationId_Position",
            table: "ConsultationQuestions",
            columns: new[] { "ConsultationId", "Position" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationResponses_ConsultationId_UserId",
            table: "ConsultationResponses",
            columns: new[] { "ConsultationId", "UserId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationResponses_UserId_SubmittedAt",
            table: "ConsultationResponses",
            columns: new[] { "UserId", "SubmittedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_AgencyId_CreatedAt",
            table: "Consultations",
            columns: new[] { "AgencyId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_AgencyId_OpensAt",
            table: "Consultations",
            columns: new[] { "AgencyId", "OpensAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_ClosesAt",
            table: "Consultations",
            column: "ClosesAt");

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_CreatedById",
            table: "Consultations",
            column: "CreatedById");

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_Kind_OpensAt",
            table: "Consultations",
            columns: new[] { "Kind", "OpensAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_OpensAt_ClosesAt",
            table: "Consultations",
            columns: new[] { "OpensAt", "ClosesAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Consultations_SectorId_OpensAt",
            table: "Consultations",
            columns: new[] { "SectorId", "OpensAt" });

        migrationBuilder.CreateIndex(
            name: "IX_ConsultationTargetGroups_TargetGroupId_ConsultationId",
            table: "ConsultationTargetGroups",
            columns: new[] { "TargetGroupId", "ConsultationId" });

        migrationBuilder.CreateIndex(
            name: "IX_ContentReports_ContentType_ContentId_ReporterId",
            table: "ContentReports",
            columns: new[] { "ContentType", "ContentId", "ReporterId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ContentReports_ContentType_ResolvedAt_ContentId",
            table: "ContentReports",
            columns: new[] { "ContentType", "ResolvedAt", "ContentId" });

        migrationBuilder.CreateIndex(
            name: "IX_ContentReports_ReporterId",
            table: "ContentReports",
            column: "ReporterId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ConsultationAnswers");
        migrationBuilder.DropTable(name: "ConsultationCommentSupports");
        migrationBuilder.DropTable(name: "ConsultationQuestionOptions");
        migrationBuilder.DropTable(name: "ConsultationComments");
        migrationBuilder.DropTable(name: "ConsultationTargetGroups");
        migrationBuilder.DropTable(name: "ConsultationResponses");
        migrationBuilder.DropTable(name: "ConsultationQuestions");
        migrationBuilder.DropTable(name: "ConsultationDocuments");
        migrationBuilder.DropTable(name: "ConsultationArticles");
        migrationBuilder.DropTable(name: "ContentReports");
        migrationBuilder.DropTable(name: "Consultations");
    }
}
