package city.alpr.k8s;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Checks a built-in Kubernetes object (or a Kubernetes type inside a custom resource) against two independent
 * generated models of the Kubernetes API:
 * <ul>
 * <li>fabric8's, which Quarkus generates the descriptors with: Jackson refuses values it cannot read into the
 * model's types, and any field the model does not know lands in an {@code additionalProperties} map somewhere in
 * the object graph, which is reported here;</li>
 * <li>the official Java client's, whose {@code validateJsonElement} refuses unknown fields, missing required fields
 * and wrong nesting; and whose field types are compared here with every value's JSON type, since the API server
 * reads no number from text and no text from a number.</li>
 * </ul>
 */
final class BuiltInSchemaCheck {

    /** A Kubernetes type as both models know it. */
    private record Model(Class<?> fabric8, Class<?> official) {
    }

    private static final Map<String, Model> BUILT_IN_KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", new Model(Namespace.class, V1Namespace.class)),
            Map.entry("v1/ConfigMap", new Model(ConfigMap.class, V1ConfigMap.class)),
            Map.entry("v1/Secret", new Model(Secret.class, V1Secret.class)),
            Map.entry("v1/Service", new Model(Service.class, V1Service.class)),
            Map.entry("v1/ServiceAccount", new Model(ServiceAccount.class, V1ServiceAccount.class)),
            Map.entry("apps/v1/Deployment", new Model(Deployment.class, V1Deployment.class)),
            Map.entry("batch/v1/Job", new Model(Job.class, V1Job.class)),
            Map.entry("batch/v1/CronJob", new Model(CronJob.class, V1CronJob.class)),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    new Model(HorizontalPodAutoscaler.class, V2HorizontalPodAutoscaler.class)),
            Map.entry("policy/v1/PodDisruptionBudget",
                    new Model(PodDisruptionBudget.class, V1PodDisruptionBudget.class)),
            Map.entry("networking.k8s.io/v1/NetworkPolicy",
                    new Model(NetworkPolicy.class, V1NetworkPolicy.class)),
            Map.entry("networking.k8s.io/v1/Ingress", new Model(Ingress.class, V1Ingress.class)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    private BuiltInSchemaCheck() {
    }

    static boolean covers(Manifest manifest) {
        return BUILT_IN_KINDS.containsKey(manifest.type());
    }

    static List<String> problems(Manifest manifest) {
        Model model = BUILT_IN_KINDS.get(manifest.type());
        if (model == null) {
            return List.of("not a built-in kind these checks know: " + manifest.type());
        }
        return problems(manifest.body(), model, "");
    }

    /** Problems of {@code value} as the given type; {@code path} locates it in its object for the messages. */
    private static List<String> problems(JsonNode value, Model model, String path) {
        List<String> problems = new ArrayList<>();
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Object parsed = FABRIC8.unmarshal(json, model.fabric8());
            unknownFields(parsed, path, problems);
        } catch (RuntimeException e) {
            problems.add("fabric8 " + model.fabric8().getSimpleName() + " at " + pathOrRoot(path) + ": "
                    + rootMessage(e));
        }
        JsonElement parsed = JsonParser.parseString(json);
        try {
            model.official().getMethod("validateJsonElement", JsonElement.class).invoke(null, parsed);
        } catch (InvocationTargetException e) {
            problems.add("official model at " + pathOrRoot(path) + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model.official() + " has no validateJsonElement", e);
        }
        wrongTypes(parsed, model.official(), path, problems);
        return problems;
    }

    /** Walks the fabric8 object graph; a non-empty {@code additionalProperties} holds fields the model lacks. */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "/" + index++, problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "/" + key, problems));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, node);
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                        unknown.keySet().forEach(key -> problems.add("unknown field " + path + "/" + key));
                    }
                } else {
                    unknownFields(value, path + "/" + jsonName(field), problems);
                }
            }
        }
    }

    /**
     * Compares each value's JSON type with the official model's Java type. Neither model refuses every wrong type:
     * fabric8 reads numbers from text (as Go's YAML does), the official validators check objects and arrays only.
     */
    private static void wrongTypes(JsonElement json, Type type, String path, List<String> problems) {
        if (json == null || json.isJsonNull()) {
            return;
        }
        Class<?> raw = type instanceof ParameterizedType generic ? (Class<?>) generic.getRawType() : (Class<?>) type;
        String expected = null;
        if (List.class.isAssignableFrom(raw)) {
            if (!json.isJsonArray()) {
                expected = "an array";
            } else {
                Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
                for (int index = 0; index < json.getAsJsonArray().size(); index++) {
                    wrongTypes(json.getAsJsonArray().get(index), item, path + "/" + index, problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!json.isJsonObject()) {
                expected = "an object";
            } else {
                Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
                json.getAsJsonObject().entrySet().forEach(
                        entry -> wrongTypes(entry.getValue(), value, path + "/" + entry.getKey(), problems));
            }
        } else if (raw == String.class || raw == OffsetDateTime.class || raw == byte[].class || raw.isEnum()) {
            expected = json.isJsonPrimitive() && json.getAsJsonPrimitive().isString() ? null : "text";
        } else if (Number.class.isAssignableFrom(raw)) {
            expected = json.isJsonPrimitive() && json.getAsJsonPrimitive().isNumber() ? null : "a number";
        } else if (raw == Boolean.class) {
            expected = json.isJsonPrimitive() && json.getAsJsonPrimitive().isBoolean() ? null : "a boolean";
        } else if (raw == Quantity.class || raw == IntOrString.class) {
            boolean textOrNumber = json.isJsonPrimitive() && !json.getAsJsonPrimitive().isBoolean();
            expected = textOrNumber ? null : "text or a number";
        } else if (raw.getPackageName().equals(V1Deployment.class.getPackageName())) {
            if (!json.isJsonObject()) {
                expected = "an object";
            } else {
                for (Field field : raw.getDeclaredFields()) {
                    SerializedName name = field.getAnnotation(SerializedName.class);
                    if (name != null) {
                        wrongTypes(json.getAsJsonObject().get(name.value()), field.getGenericType(),
                                path + "/" + name.value(), problems);
                    }
                }
            }
        }
        if (expected != null) {
            problems.add("wrong type at " + pathOrRoot(path) + ": " + json + " where the API has " + expected);
        }
    }

    private static boolean isPrimitive(JsonElement json) {
        return json.isJsonPrimitive();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static String jsonName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage().lines().findFirst().orElse(cause.toString());
    }

    private static String pathOrRoot(String path) {
        return path.isEmpty() ? "/" : path;
    }
}
