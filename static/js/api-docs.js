// Starts Swagger UI on /schema. A file rather than an inline script: the page's policy allows 'self' only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  window.SwaggerUIBundle({
    url: root.dataset.url,
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // "Try it out" sends unsafe requests too; the API wants the CSRF cookie echoed in a header.
    requestInterceptor: function (request) {
      var token = csrfToken();
      if (token) {
        request.headers["x-csrftoken"] = token;
      }
      return request;
    },
  });
})();
