# shellcheck shell=bash
# shellcheck disable=SC2154  # scratch and pids come from lib.sh
# A fast Databricks stand-in for the benchmarks (sourced): nginx (Debian's nginx-light) on a loopback port with its
# own config in $scratch, answering GET /api/2.0/data-rooms/<id> for any id with a canned space (DATABRICKS.md §1).
# start_nginx_standin PORT: starts it (its pid joins $pids), returns when it answers.
start_nginx_standin() {
  local port=$1 dir=$scratch/nginx
  mkdir -p "$dir"
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt-get install -y -qq nginx-light >/dev/null
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$port;
    location ~ ^/api/2\.0/data-rooms/([0-9A-Za-z_-]+)\$ {
      default_type application/json;
      return 200 '{"id":"\$1","space_id":"\$1","display_name":"Bench space","description":"A canned space","warehouse_id":"abc123def456","table_identifiers":["main.sales.orders"],"run_as_type":"VIEWER","created_timestamp":1234567890,"last_updated_timestamp":1234567890,"user_id":"123"}';
    }
  }
}
CONF
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$dir/nginx.conf" -p "$dir" >"$dir/out.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/2.0/data-rooms/x" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: nginx did not come up on $port" >&2; cat "$dir/out.log" "$dir/error.log" >&2; return 1
}
