// Similar ideas while the title is typed (progressive enhancement: without script the form's
// preview step shows the same list). Asks /{lang}/ideas/similar for a small HTML fragment.
(function () {
    "use strict";
    var title = document.getElementById("Input_Title");
    var target = document.getElementById("similar-ideas");
    if (!title || !target) { return; }
    var lang = document.documentElement.lang === "en" ? "en" : "ar";
    var challenge = document.querySelector("input[name='Input.ChallengeId']");
    var agency = document.getElementById("Input_AgencyId");
    var timer = null;
    var last = "";
    function ask() {
        var text = title.value.trim();
        if (text === last) { return; }
        last = text;
        var url = "/" + lang + "/ideas/similar?title=" + encodeURIComponent(text);
        if (challenge && challenge.value) { url += "&challenge=" + encodeURIComponent(challenge.value); }
        else if (agency && agency.value) { url += "&agency=" + encodeURIComponent(agency.value); }
        fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.text() : ""; })
            .then(function (html) { if (text === last) { target.innerHTML = html; } })
            .catch(function () { });
    }
    title.addEventListener("input", function () {
        if (timer) { clearTimeout(timer); }
        timer = setTimeout(ask, 300);
    });
})();
