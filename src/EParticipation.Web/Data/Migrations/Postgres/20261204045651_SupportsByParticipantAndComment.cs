using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupportsByParticipantAndComment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConsultationCommentSupports_UserId",
                table: "ConsultationCommentSupports");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationCommentSupports_UserId_CommentId",
                table: "ConsultationCommentSupports",
                columns: new[] { "UserId", "CommentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConsultationCommentSupports_UserId_CommentId",
                table: "ConsultationCommentSupports");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationCommentSupports_UserId",
                table: "ConsultationCommentSupports",
                column: "UserId");
        }
    }
}
