// Hash routes: "#/staff", "#/framework", "#/roles", "#/nccq", "#/nccq/100001".
// The hash keeps every page reachable by keyboard and by a plain link.

export type Route =
  | { page: "staff" }
  | { page: "framework" }
  | { page: "roles" }
  | { page: "nccq"; staffNumber?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case "framework":
      return { page: "framework" };
    case "roles":
      return { page: "roles" };
    case "nccq":
      return parts[1] ? { page: "nccq", staffNumber: parts[1] } : { page: "nccq" };
    default:
      return { page: "staff" };
  }
}

export function href(route: Route): string {
  if (route.page === "nccq" && route.staffNumber) return `#/nccq/${encodeURIComponent(route.staffNumber)}`;
  return `#/${route.page}`;
}
