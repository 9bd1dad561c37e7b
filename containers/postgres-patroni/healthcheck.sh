#!/bin/sh
# Healthy while Patroni's REST API says its PostgreSQL is running, as leader or replica.
exec curl -fsS -o /dev/null "http://127.0.0.1:${PATRONI_RESTAPI_LISTEN##*:}/health"
