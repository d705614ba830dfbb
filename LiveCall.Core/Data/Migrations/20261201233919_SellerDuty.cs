using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCall.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SellerDuty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsAway",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<DateTime>(
                name: "NoShowUtc",
                table: "RingTargets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Reached",
                table: "RingTargets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresUtc",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AcceptDeadline",
                table: "Locations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30L);

            migrationBuilder.AddColumn<long>(
                name: "ShiftLength",
                table: "Locations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 36000L);

            migrationBuilder.AddColumn<DateTime>(
                name: "RangAgainUtc",
                table: "Calls",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Duty",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    EndsUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSignUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Duty", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_Duty_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Duty");

            migrationBuilder.DropColumn(
                name: "NoShowUtc",
                table: "RingTargets");

            migrationBuilder.DropColumn(
                name: "Reached",
                table: "RingTargets");

            migrationBuilder.DropColumn(
                name: "ExpiresUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AcceptDeadline",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "ShiftLength",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "RangAgainUtc",
                table: "Calls");

            migrationBuilder.AddColumn<bool>(
                name: "IsAway",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
