package org.edgewise.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.ValidationException;
import org.edgewise.document.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Every answer of every controller that is not a success, as a problem document
 * ({@code application/problem+json}) with a sentence for the person or program that sent the request:
 * bad input — refused by Bean Validation, the JSON reader or a service's {@link ValidationException} — is a
 * 400 that names the field, a refused permission a 403, a document one may not see a
 * 404, an action the workflow does not allow now a 409; anything else is our fault, a 500 with an error
 * id that is also in the log beside the stack trace. Nothing is stored when a request is refused. A new
 * feature's controller gets these answers without registering anything.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** One refused field: its JSON path ({@code partitions[0].name}) and what is wrong with it. */
    public record FieldProblem(String field, String problem) { }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, PayloadTooLargeException.class) != null) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, causedBy(e, PayloadTooLargeException.class).getMessage());
        }
        InvalidJsonValueException invalid = causedBy(e, InvalidJsonValueException.class);
        if (invalid != null) {
            return invalid(List.of(new FieldProblem(invalid.field(), invalid.problem())));
        }
        InputCoercionException coercion = causedBy(e, InputCoercionException.class);
        if (coercion != null) {
            JsonParser parser = coercion.getProcessor();
            String field = parser == null ? "" : JsonFields.path(parser.getParsingContext());
            return invalid(List.of(new FieldProblem(field, "the number is out of range")));
        }
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof ValidationException refused) {
            return invalidInput(refused);
        }
        if (cause instanceof ValueInstantiationException instantiation
                && instantiation.getCause() instanceof IllegalArgumentException refused) {
            return problem(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
        if (cause instanceof MismatchedInputException mismatch && !(cause instanceof JsonEOFException)) {
            return invalid(List.of(new FieldProblem(JsonFields.path(mismatch.getPath()), JsonFields.expected(mismatch))));
        }
        if (cause instanceof StreamConstraintsException) {
            return problem(HttpStatus.BAD_REQUEST, "The body goes past a limit of the JSON reader: a number of more "
                    + "than 1000 digits, a text of more than 20 million characters or more than 1000 levels of nesting.");
        }
        if (cause == null) {
            return problem(HttpStatus.BAD_REQUEST, "The body is missing: send one JSON object.");
        }
        if (cause instanceof JsonEOFException) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON: the body ends before its value does.");
        }
        if (cause instanceof JsonParseException parse) {
            String where = parse.getLocation() == null ? ""
                    : " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON" + where + ": " + parse.getOriginalMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "The body could not be read as JSON.");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(JsonFields.beanPath(error.getField()),
                    JsonFields.constraint(error, error.getRejectedValue())));
        }
        e.getBindingResult().getGlobalErrors().forEach(g -> problems.add(new FieldProblem("", g.getDefaultMessage())));
        return invalid(problems);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                if (error instanceof FieldError fieldError) {
                    problems.add(new FieldProblem(name + "." + JsonFields.beanPath(fieldError.getField()),
                            JsonFields.constraint(error, fieldError.getRejectedValue())));
                } else {
                    problems.add(new FieldProblem(name, JsonFields.constraint(error, result.getArgument())));
                }
            }
        });
        return invalid(problems);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violations(ConstraintViolationException e) {
        Set<ConstraintViolation<?>> violations = e.getConstraintViolations();
        return invalid(violations.stream().map(v -> new FieldProblem(JsonFields.violationPath(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field)).toList());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatchedParameter(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldProblem(e.getName(), JsonFields.expectedType(e.getRequiredType())
                + " is expected")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.METHOD_NOT_ALLOWED, "This address does not take "
                + e.getMethod() + (e.getSupportedHttpMethods() == null ? "." : "; it takes "
                        + e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "))
                        + "."));
        return e.getSupportedHttpMethods() == null ? answer : ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders()).allow(e.getSupportedHttpMethods().toArray(
                        org.springframework.http.HttpMethod[]::new)).body(answer.getBody());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    /** A service's refusal of what was sent: the same answer as a refused field of the body. */
    @ExceptionHandler(ValidationException.class)
    ResponseEntity<ProblemDetail> invalidInput(ValidationException e) {
        return withErrors(problem(HttpStatus.BAD_REQUEST, e.getMessage()),
                List.of(new FieldProblem(e.field() == null ? "" : e.field(), e.getMessage())));
    }

    /**
     * Input refused by a check that names no field. Some services still refuse bad input this way (a node's
     * partitions and connection parameters, a document's name or comment), so it is a 400 like a
     * {@link ValidationException} without a field, not a bug's 500.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(DocumentNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DocumentNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(WorkflowException.class)
    ResponseEntity<ProblemDetail> conflict(WorkflowException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        String message = e.getMessage();
        return problem(HttpStatus.FORBIDDEN, message == null || message.equals("Access Denied")
                ? "You may not do that." : message);
    }

    /** Spring's own refusals (unknown address, unsupported media type…) keep their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse known && known.getStatusCode().value() < 500) {
            ProblemDetail body = known.getBody();
            return problem(known.getStatusCode(), body.getDetail() == null ? body.getTitle() : body.getDetail());
        }
        String id = errorId();
        log.error("Error {} answering {} {}", id, request.getMethod(), request.getRequestURI(), e);
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.INTERNAL_SERVER_ERROR, internalErrorDetail(id));
        answer.getBody().setProperty("errorId", id);
        return answer;
    }

    /** A short random id that ties a 500 answer to its line in the log. */
    public static String errorId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static String internalErrorDetail(String id) {
        return "Something went wrong on the Master while answering; nothing was changed. Quote error id " + id
                + " to its operator (it is in the Master's log).";
    }

    static ResponseEntity<ProblemDetail> invalid(Collection<FieldProblem> problems) {
        String detail = problems.stream()
                .map(p -> p.field().isEmpty() ? capitalise(p.problem()) : p.field() + ": " + p.problem())
                .collect(Collectors.joining("; ")) + ".";
        return withErrors(problem(HttpStatus.BAD_REQUEST, detail), problems);
    }

    /** Each refused field in {@code errors}, for programs: {@code [{"field": "title", "problem": "is required"}]}. */
    private static ResponseEntity<ProblemDetail> withErrors(ResponseEntity<ProblemDetail> answer,
            Collection<FieldProblem> problems) {
        answer.getBody().setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "problem",
                p.problem())).toList());
        return answer;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Field paths and expected types in the words of the API's JSON, never of its Java classes. */
    static final class JsonFields {

        private JsonFields() {
        }

        static String path(List<JsonMappingException.Reference> references) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : references) {
                if (r.getFieldName() != null) {
                    path.append(path.length() > 0 ? "." : "").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return path.toString();
        }

        static String path(com.fasterxml.jackson.core.JsonStreamContext context) {
            return StrictJsonFactory.path(context);
        }

        /** {@code partitions[0].name} as Bean Validation names it. */
        static String beanPath(String beanPath) {
            return beanPath.replaceAll("\\[(\\d+)]", "[$1]").replace("<list element>", "").replace("<map value>", "");
        }

        static String violationPath(ConstraintViolation<?> violation) {
            String path = violation.getPropertyPath().toString();
            int firstDot = path.indexOf('.');
            // a service method's violations start with the method and the parameter: keep the field
            return firstDot > 0 && path.substring(0, firstDot).contains("(") ? path.substring(firstDot + 1) : path;
        }

        static String expected(MismatchedInputException e) {
            if (e instanceof InvalidNullException) {
                return "may not be null";
            }
            if (e.getPath().isEmpty()) {
                return "the body must be " + expectedType(e.getTargetType());
            }
            return expectedType(e.getTargetType()) + " is expected";
        }

        static String expectedType(Class<?> type) {
            if (type == null) {
                return "another kind of value";
            }
            if (type == String.class || type == Character.class || type == char.class) {
                return "text";
            }
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                    || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
                return "a whole number";
            }
            if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "a list";
            }
            if (type.isEnum()) {
                return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            return "an object";
        }

        /** A Bean Validation refusal in a sentence: "is required", "has at most 200 characters"… */
        static String constraint(MessageSourceResolvable error, Object value) {
            String code = error.getCodes() == null || error.getCodes().length == 0 ? ""
                    : error.getCodes()[error.getCodes().length - 1];
            Object[] args = error.getArguments();
            return switch (code) {
                case "NotNull", "NotBlank", "NotEmpty" -> "is required";
                case "Size" -> sizeMessage(args, value);
                default -> error.getDefaultMessage();
            };
        }

        private static String sizeMessage(Object[] args, Object value) {
            // arguments of @Size: the field's resolvable name, then max and min (alphabetical order)
            if (args == null || args.length < 3) {
                return "has the wrong size";
            }
            String unit = value instanceof CharSequence ? "characters" : value instanceof Map<?, ?> ? "entries" : "items";
            String min = String.valueOf(args[2]);
            return "0".equals(min) ? "has at most " + args[1] + " " + unit
                    : "has from " + min + " to " + args[1] + " " + unit;
        }
    }
}
