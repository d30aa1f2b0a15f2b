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
