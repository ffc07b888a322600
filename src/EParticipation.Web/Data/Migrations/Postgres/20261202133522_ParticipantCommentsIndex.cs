using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EParticipation.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParticipantCommentsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ConsultationComments_AuthorId_ConsultationId_Id",
                table: "ConsultationComments",
                columns: new[] { "AuthorId", "ConsultationId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConsultationComments_AuthorId_ConsultationId_Id",
                table: "ConsultationComments");
        }
    }
}
