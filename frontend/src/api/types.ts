/** A Genie space as the bridge returns it (`GET /api/genie/get`); unknown fields pass through. */
export interface GenieSpace {
  space_id: string;
  id?: string;
  display_name?: string;
  title?: string;
  description?: string;
  warehouse_id?: string;
  table_identifiers?: string[];
  sample_questions?: unknown[];
  run_as_type?: string;
  created_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  [field: string]: unknown;
}

/** One entry of `GET /api/genie/spaces`. */
export interface SpaceSummary {
  space_id: string;
  title?: string | null;
  description?: string | null;
  warehouse_id?: string | null;
}

export interface SpacesPage {
  spaces: SpaceSummary[];
  next_page_token?: string | null;
}

/** `GET /api/config`. */
export interface AppConfig {
  defaultSpaceId: string | null;
  /** The Databricks workspace host the responder talks to; absent on an older bridge. */
  workspace?: string | null;
  /** True when the responder runs against the local Databricks emulator (start.sh demo mode). */
  demo?: boolean;
}

/** RFC 9457 ProblemDetails as the bridge sends every error, with its `code` and `requestId` extensions. */
export interface ProblemDetails {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  requestId?: string;
}

/** The body of `POST /api/genie/spaces` (DESIGN.md v2 `genie.create`). */
export interface CreateSpaceInput {
  title: string;
  description?: string;
  warehouse_id: string;
  table_identifiers: string[];
  sample_questions?: string[];
  instructions?: string;
}

/** One entry of `GET /api/workspace/warehouses` (running first, then starting, then the others). */
export interface Warehouse {
  id: string;
  name: string;
  state: string;
  cluster_size?: string | null;
}

export interface WarehousesReply {
  warehouses: Warehouse[];
}

/** A catalog, schema or table of `GET /api/workspace/catalogs|schemas|tables`. */
export interface CatalogItem {
  name: string;
  full_name: string;
  comment?: string | null;
  catalog_name?: string | null;
  schema_name?: string | null;
  table_type?: string | null;
}

/** One page of a Unity Catalog list; `items` is the reply's `catalogs`, `schemas` or `tables`. */
export interface CatalogPage {
  items: CatalogItem[];
  next_page_token?: string | null;
}
