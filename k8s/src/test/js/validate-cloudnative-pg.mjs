// Validates values against the CloudNativePG models of @kubernetes-models/cloudnative-pg, strictly.
//
// Reads a JSON array of {"id", "model", "value", "at"} on standard input and writes a JSON array of
// {"id", "problems": [...]} on standard output. "model" is a CloudNativePG resource ("postgresql.cnpg.io/v1/Cluster")
// or "barman-cloud/BarmanObjectStoreConfiguration"; "at", optional, is the JSON pointer of the value in its object,
// which the problems then name.
//
// The models' validate() checks types, enums and required fields but accepts unknown fields (their schemas do not
// close objects). So every object of the value is wrapped in a Proxy that records which keys the validator reads:
// the compiled validators read exactly the properties their schema declares, and enumerate the keys of maps. A key
// that the validator neither read nor reached by enumerating its object is unknown to the schema.
import * as cloudNativePg from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";
import { BarmanObjectStoreConfiguration }
  from "@kubernetes-models/cloudnative-pg/github.com/cloudnative-pg/barman-cloud/pkg/api/BarmanObjectStoreConfiguration";

const RESOURCES = "postgresql.cnpg.io/v1/";

function modelNamed(name) {
  if (name === "barman-cloud/BarmanObjectStoreConfiguration") {
    return BarmanObjectStoreConfiguration;
  }
  const kind = name.startsWith(RESOURCES) ? name.slice(RESOURCES.length) : undefined;
  const model = kind && cloudNativePg[kind];
  // only resources carry their kind; the package's other exports are the types inside them
  return model && model.kind === kind ? model : undefined;
}

function tracked(value, path, visits) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  const visit = { path, value, keysRead: new Set(), enumerated: false };
  visits.push(visit);
  const children = Array.isArray(value)
    ? value.map((item, index) => tracked(item, `${path}/${index}`, visits))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tracked(item, `${path}/${key}`, visits)]));
  return new Proxy(children, {
    get(target, key, receiver) {
      if (typeof key === "string") {
        visit.keysRead.add(key);
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") {
        visit.keysRead.add(key);
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      visit.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function problemsOf(model, value, at) {
  const visits = [];
  try {
    model.prototype.validate.call(tracked(value, at, visits));
  } catch (error) {
    // the validator stops reading where it fails, so unread keys would be guesses: report its verdict alone
    return [error.message.replaceAll(/(^|, )data/g, `$1data${at}`)];
  }
  const problems = [];
  for (const visit of visits) {
    if (Array.isArray(visit.value) || visit.enumerated) {
      continue;
    }
    const keys = Object.keys(visit.value);
    if (visit.keysRead.size === 0 && keys.length > 0) {
      problems.push(`${visit.path || "/"} is an object the schema leaves open: its keys cannot be checked`);
      continue;
    }
    for (const key of keys) {
      if (!visit.keysRead.has(key)) {
        problems.push(`unknown field ${visit.path}/${key}`);
      }
    }
  }
  return problems;
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const requests = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = requests.map(({ id, model, value, at = "" }) => {
  const modelClass = modelNamed(model);
  return { id, problems: modelClass ? problemsOf(modelClass, value, at) : [`no CloudNativePG model named ${model}`] };
});
process.stdout.write(JSON.stringify(results));
