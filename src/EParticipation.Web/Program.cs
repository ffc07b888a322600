using EParticipation.Web.Areas.Admin;
using EParticipation.Web.Areas.BusinessFeedback;
using EParticipation.Web.Areas.Complaints;
using EParticipation.Web.Areas.Consultations;
using EParticipation.Web.Areas.Events;
using EParticipation.Web.Areas.Ideas;
using EParticipation.Web.Areas.Polls;
using EParticipation.Web.Areas.ServiceRatings;
using EParticipation.Web.Platform;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalPlatform();
builder.Services.AddAdministration();
builder.Services.AddConsultations();
builder.Services.AddComplaints();
builder.Services.AddBusinessFeedback();
builder.Services.AddPolls();
builder.Services.AddServiceRatings();
builder.Services.AddIdeas();
builder.Services.AddEvents();

var app = builder.Build();

app.UsePortalPlatform();

app.Run();

/// <summary>The entry point; public so integration tests can host the portal.</summary>
public partial class Program;
