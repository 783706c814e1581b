package io.billhook.security.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's own refusals (401 without or with wrong credentials, 403 for a role that may not) as
 * problem details, like every other error answer. web.xml sends them here.
 */
@WebServlet("/errors/*")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c ? c : HttpServletResponse.SC_NOT_FOUND;
        String title;
        String detail;
        String slug;
        switch (status) {
            case 401 -> {
                slug = "unauthorized";
                title = "Unauthorized";
                detail = "the admin API needs HTTP Basic credentials of a configured user";
            }
            case 403 -> {
                slug = "forbidden";
                title = "Forbidden";
                detail = "this user's role may not do this: reading needs viewer or operator, changing needs operator";
            }
            default -> {
                slug = "not-found";
                title = "Not Found";
                detail = "nothing here";
            }
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"/problems/" + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
