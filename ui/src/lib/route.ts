// Hash routes: "#/home" (the home page, also for no hash), "#/staff", "#/framework", "#/roles", "#/nccq", "#/nccq/100001",
// "#/team", "#/accounts", "#/audit", "#/passphrase", "#/appraisals",
// "#/appraisals/12" (one meeting), "#/pdp" (my PDP), "#/pdp/100001",
// "#/pdps" (my team's PDPs), "#/settings", "#/reports", "#/backups", "#/retention".
// The hash keeps every page reachable by keyboard and by a plain link.

export type Route =
  | { page: "home" }
  | { page: "staff" }
  | { page: "framework" }
  | { page: "roles" }
  | { page: "nccq"; staffNumber?: string }
  | { page: "team" }
  | { page: "accounts" }
  | { page: "audit" }
  | { page: "retention" }
  | { page: "pdps" }
  | { page: "settings" }
  | { page: "reports" }
  | { page: "backups" }
  | { page: "passphrase" }
  | { page: "appraisals"; id?: number }
  | { page: "pdp"; staffNumber?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case "staff":
      return { page: "staff" };
    case "framework":
      return { page: "framework" };
    case "roles":
      return { page: "roles" };
    case "nccq":
      return parts[1] ? { page: "nccq", staffNumber: parts[1] } : { page: "nccq" };
    case "team":
    case "accounts":
    case "audit":
    case "retention":
    case "passphrase":
    case "pdps":
    case "settings":
    case "reports":
    case "backups":
      return { page: parts[0] };
    case "appraisals": {
      const id = Number(parts[1]);
      return parts[1] && Number.isInteger(id) && id > 0 ? { page: "appraisals", id } : { page: "appraisals" };
    }
    case "pdp":
      return parts[1] ? { page: "pdp", staffNumber: parts[1] } : { page: "pdp" };
    default:
      return { page: "home" };
  }
}

export function href(route: Route): string {
  if (route.page === "nccq" && route.staffNumber) return `#/nccq/${encodeURIComponent(route.staffNumber)}`;
  if (route.page === "appraisals" && route.id) return `#/appraisals/${route.id}`;
  if (route.page === "pdp" && route.staffNumber) return `#/pdp/${encodeURIComponent(route.staffNumber)}`;
  return `#/${route.page}`;
}
