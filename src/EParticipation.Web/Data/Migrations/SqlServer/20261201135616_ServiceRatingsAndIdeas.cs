using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ServiceRatingsAndIdeas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Challenges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AgencyId = table.Column<int>(type: "int", nullable: false),
                    SectorId = table.Column<int>(type: "int", nullable: false),
                    SearchText = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Moderation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    IdeaCount = table.Column<int>(type: "int", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    CriteriaAr = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CriteriaEn = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    OutcomeAr = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    OutcomeEn = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ProblemAr = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ProblemEn = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    TitleAr = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    TitleEn = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Challenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Challenges_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Challenges_Sectors_SectorId",
                        column: x => x.SectorId,
                        principalTable: "Sectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContentType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ThreadId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModeratedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModeratedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GovernmentServices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    AgencyId = table.Column<int>(type: "int", nullable: false),
                    SectorId = table.Column<int>(type: "int", nullable: true),
                    Channels = table.Column<int>(type: "int", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    SearchText = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: false),
                    IsRetired = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    DescriptionAr = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    NameAr = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GovernmentServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GovernmentServices_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GovernmentServices_Sectors_SectorId",
                        column: x => x.SectorId,
                        principalTable: "Sectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PageFeedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Path = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Useful = table.Column<bool>(type: "bit", nullable: false),
                    Problems = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Language = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PageFeedbackMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Path = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Yes = table.Column<int>(type: "int", nullable: false),
                    No = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageFeedbackMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChallengeTargetGroups",
                columns: table => new
                {
                    ChallengeId = table.Column<int>(type: "int", nullable: false),
                    TargetGroupId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChallengeTargetGroups", x => new { x.ChallengeId, x.TargetGroupId });
                    table.ForeignKey(
                        name: "FK_ChallengeTargetGroups_Challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "Challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChallengeTargetGroups_TargetGroups_TargetGroupId",
                        column: x => x.TargetGroupId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Ideas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AgencyId = table.Column<int>(type: "int", nullable: false),
                    ChallengeId = table.Column<int>(type: "int", nullable: true),
                    SectorId = table.Column<int>(type: "int", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Problem = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Proposal = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    TitleKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SearchText = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Visibility = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DuplicateOfId = table.Column<int>(type: "int", nullable: true),
                    SupportCount = table.Column<int>(type: "int", nullable: false),
                    CommentCount = table.Column<int>(type: "int", nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    AnswerAr = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    AnswerEn = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ideas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ideas_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ideas_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ideas_Challenges_ChallengeId",
                        column: x => x.ChallengeId,
                        principalTable: "Challenges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ideas_Ideas_DuplicateOfId",
                        column: x => x.DuplicateOfId,
                        principalTable: "Ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ideas_Sectors_SectorId",
                        column: x => x.SectorId,
                        principalTable: "Sectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRatingMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ServiceId = table.Column<int>(type: "int", nullable: false),
                    AgencyId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    Stars1 = table.Column<int>(type: "int", nullable: false),
                    Stars2 = table.Column<int>(type: "int", nullable: false),
                    Stars3 = table.Column<int>(type: "int", nullable: false),
                    Stars4 = table.Column<int>(type: "int", nullable: false),
                    Stars5 = table.Column<int>(type: "int", nullable: false),
                    EaseSum = table.Column<int>(type: "int", nullable: false),
                    EaseCount = table.Column<int>(type: "int", nullable: false),
                    SpeedSum = table.Column<int>(type: "int", nullable: false),
                    SpeedCount = table.Column<int>(type: "int", nullable: false),
                    ClaritySum = table.Column<int>(type: "int", nullable: false),
                    ClarityCount = table.Column<int>(type: "int", nullable: false),
                    StaffSum = table.Column<int>(type: "int", nullable: false),
                    StaffCount = table.Column<int>(type: "int", nullable: false),
                    OnlineCount = table.Column<int>(type: "int", nullable: false),
                    ServiceCentreCount = table.Column<int>(type: "int", nullable: false),
                    PhoneCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRatingMonths", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRatingMonths_GovernmentServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "GovernmentServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ServiceId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Overall = table.Column<int>(type: "int", nullable: false),
                    Ease = table.Column<int>(type: "int", nullable: true),
                    Speed = table.Column<int>(type: "int", nullable: true),
                    Clarity = table.Column<int>(type: "int", nullable: true),
                    Staff = table.Column<int>(type: "int", nullable: true),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CommentHidden = table.Column<bool>(type: "bit", nullable: false),
                    Suggestion = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    SuggestionCase = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    WindowStartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRatings_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceRatings_GovernmentServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "GovernmentServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRatingVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RatingId = table.Column<long>(type: "bigint", nullable: false),
                    ServiceId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Overall = table.Column<int>(type: "int", nullable: false),
                    Ease = table.Column<int>(type: "int", nullable: true),
                    Speed = table.Column<int>(type: "int", nullable: true),
                    Clarity = table.Column<int>(type: "int", nullable: true),
                    Staff = table.Column<int>(type: "int", nullable: true),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Suggestion = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    SuggestionCase = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReplacedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StillCounts = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRatingVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceRatingVersions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceRatingVersions_GovernmentServices_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "GovernmentServices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IdeaAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IdeaId = table.Column<int>(type: "int", nullable: false),
                    StorageKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdeaAttachments_Ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "Ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdeaEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IdeaId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    NoteAr = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    NoteEn = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdeaEvents_Ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "Ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdeaSupports",
                columns: table => new
                {
                    IdeaId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaSupports", x => new { x.IdeaId, x.UserId });
                    table.ForeignKey(
                        name: "FK_IdeaSupports_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IdeaSupports_Ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "Ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Challenges_AgencyId_OpensAt",
                table: "Challenges",
                columns: new[] { "AgencyId", "OpensAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Challenges_OpensAt_ClosesAt",
                table: "Challenges",
                columns: new[] { "OpensAt", "ClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Challenges_SectorId",
                table: "Challenges",
                column: "SectorId");

            migrationBuilder.CreateIndex(
                name: "IX_ChallengeTargetGroups_TargetGroupId_ChallengeId",
                table: "ChallengeTargetGroups",
                columns: new[] { "TargetGroupId", "ChallengeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorId_SubmissionKey",
                table: "Comments",
                columns: new[] { "AuthorId", "SubmissionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ContentType_ThreadId_Status_Id",
                table: "Comments",
                columns: new[] { "ContentType", "ThreadId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_CreatedAt",
                table: "Comments",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentServices_AgencyId",
                table: "GovernmentServices",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentServices_Code",
                table: "GovernmentServices",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentServices_IsRetired_AgencyId",
                table: "GovernmentServices",
                columns: new[] { "IsRetired", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentServices_IsRetired_SectorId",
                table: "GovernmentServices",
                columns: new[] { "IsRetired", "SectorId" });

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentServices_SectorId",
                table: "GovernmentServices",
                column: "SectorId");

            migrationBuilder.CreateIndex(
                name: "IX_IdeaAttachments_IdeaId",
                table: "IdeaAttachments",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_IdeaEvents_IdeaId_At",
                table: "IdeaEvents",
                columns: new[] { "IdeaId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_AgencyId_Status_CreatedAt",
                table: "Ideas",
                columns: new[] { "AgencyId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_AuthorId_SubmissionKey",
                table: "Ideas",
                columns: new[] { "AuthorId", "SubmissionKey" },
                unique: true,
                filter: "[AuthorId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_ChallengeId_Visibility_CreatedAt",
                table: "Ideas",
                columns: new[] { "ChallengeId", "Visibility", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_DuplicateOfId",
                table: "Ideas",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_SectorId",
                table: "Ideas",
                column: "SectorId");

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_Status_Visibility",
                table: "Ideas",
                columns: new[] { "Status", "Visibility" });

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_TitleKey",
                table: "Ideas",
                column: "TitleKey");

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_Visibility_CreatedAt",
                table: "Ideas",
                columns: new[] { "Visibility", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_Visibility_SupportCount_Id",
                table: "Ideas",
                columns: new[] { "Visibility", "SupportCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_IdeaSupports_UserId",
                table: "IdeaSupports",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedback_Path_CreatedAt",
                table: "PageFeedback",
                columns: new[] { "Path", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedbackMonths_Month",
                table: "PageFeedbackMonths",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_PageFeedbackMonths_Path_Month",
                table: "PageFeedbackMonths",
                columns: new[] { "Path", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingMonths_AgencyId_Month",
                table: "ServiceRatingMonths",
                columns: new[] { "AgencyId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingMonths_Month",
                table: "ServiceRatingMonths",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingMonths_ServiceId_Month",
                table: "ServiceRatingMonths",
                columns: new[] { "ServiceId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_ServiceId_SubmittedAt",
                table: "ServiceRatings",
                columns: new[] { "ServiceId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_ServiceId_UserId",
                table: "ServiceRatings",
                columns: new[] { "ServiceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatings_UserId",
                table: "ServiceRatings",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingVersions_RatingId",
                table: "ServiceRatingVersions",
                column: "RatingId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingVersions_ServiceId_StillCounts",
                table: "ServiceRatingVersions",
                columns: new[] { "ServiceId", "StillCounts" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRatingVersions_UserId",
                table: "ServiceRatingVersions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChallengeTargetGroups");

            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "IdeaAttachments");

            migrationBuilder.DropTable(
                name: "IdeaEvents");

            migrationBuilder.DropTable(
                name: "IdeaSupports");

            migrationBuilder.DropTable(
                name: "PageFeedback");

            migrationBuilder.DropTable(
                name: "PageFeedbackMonths");

            migrationBuilder.DropTable(
                name: "ServiceRatingMonths");

            migrationBuilder.DropTable(
                name: "ServiceRatings");

            migrationBuilder.DropTable(
                name: "ServiceRatingVersions");

            migrationBuilder.DropTable(
                name: "Ideas");

            migrationBuilder.DropTable(
                name: "GovernmentServices");

            migrationBuilder.DropTable(
                name: "Challenges");
        }
    }
}
