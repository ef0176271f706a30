"""Apps, settings, channels, endpoints, events, event streams, attributes and tags."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ._core import AppState, BackendCore, new_id, now_iso
from ._exceptions import BadRequestException, NotFoundException
from ._shapes import shape

# Channel name used in operation names -> (GetChannels key / Platform, response shape)
CHANNELS: dict[str, tuple[str, str]] = {
    "Email": ("EMAIL", "EmailChannelResponse"),
    "Sms": ("SMS", "SMSChannelResponse"),
    "Voice": ("VOICE", "VoiceChannelResponse"),
    "Apns": ("APNS", "APNSChannelResponse"),
    "ApnsSandbox": ("APNS_SANDBOX", "APNSSandboxChannelResponse"),
    "ApnsVoip": ("APNS_VOIP", "APNSVoipChannelResponse"),
    "ApnsVoipSandbox": ("APNS_VOIP_SANDBOX", "APNSVoipSandboxChannelResponse"),
    "Gcm": ("GCM", "GCMChannelResponse"),
    "Adm": ("ADM", "ADMChannelResponse"),
    "Baidu": ("BAIDU", "BaiduChannelResponse"),
}
_CREDENTIAL_KEYS = {
    "ApiKey", "ServiceJson", "Certificate", "PrivateKey", "TokenKey", "ClientSecret",
    "SecretKey",
}  # fmt: skip
PUSH_CHANNELS = {
    "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "GCM", "ADM", "BAIDU",
}  # fmt: skip
_ATTRIBUTE_TYPES = {
    "endpoint-custom-attributes": "Attributes",
    "endpoint-metric-attributes": "Metrics",
    "endpoint-user-attributes": "UserAttributes",
}
MAX_ENDPOINTS_PER_USER = 15
MAX_BATCH = 100


def _cohort(endpoint_id: str) -> str:
    return str(int(hashlib.sha256(endpoint_id.encode()).hexdigest(), 16) % 100)


class ResourcesMixin(BackendCore):
    """Operations on applications and what hangs directly off them."""

    # -- apps ----------------------------------------------------------------------
    def app_json(self, application_id: str) -> dict[str, Any]:
        """The ApplicationResponse for an existing app."""
        app = self.app(application_id)
        return {
            "Arn": app.arn,
            "Id": app.application_id,
            "Name": app.name,
            "tags": self.tags_of(app.arn),
            "CreationDate": self.state(application_id).creation_date,
        }

    def create_app(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateApp."""
        body = self.body(params, "CreateApp")
        name = body["Name"]
        if not name.strip():
            raise BadRequestException("Name must not be empty")
        if len(self.moto.apps) >= 100:
            raise BadRequestException("Maximum number of projects (100) reached")
        tags = body.get("tags") or {}
        app = self.moto.create_app(name=name, tags={})
        self.set_tags(app.arn, tags)
        return self.app_json(app.application_id)

    def get_app(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApp."""
        return self.app_json(params["ApplicationId"])

    def get_apps(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApps."""
        items, token = self.page(list(self.moto.apps), params)
        return {"Item": [self.app_json(app_id) for app_id in items], "NextToken": token}

    def delete_app(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteApp: the app and everything under it goes."""
        app_id = params["ApplicationId"]
        result = self.app_json(app_id)
        state = self.state(app_id)
        for table, kind in (
            (state.campaigns, "campaigns"),
            (state.segments, "segments"),
            (state.journeys, "journeys"),
        ):
            for item_id in table:
                self.drop_tags(f"{result['Arn']}/{kind}/{item_id}")
        self.drop_tags(result["Arn"])
        self.moto.delete_app(application_id=app_id)
        self.app_states.pop(app_id, None)
        return result

    # -- settings ------------------------------------------------------------------
    def _settings_json(self, application_id: str) -> dict[str, Any]:
        state = self.state(application_id)
        return {
            "CampaignHook": {},
            "Limits": {},
            "QuietTime": {},
            **state.settings,
            "ApplicationId": application_id,
            "LastModifiedDate": state.settings_modified,
        }

    def get_application_settings(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApplicationSettings."""
        return self._settings_json(params["ApplicationId"])

    def update_application_settings(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateApplicationSettings: sent members replace the stored ones."""
        state = self.state(params["ApplicationId"])
        body = self.body(params, "UpdateApplicationSettings")
        limits = body.get("Limits") or {}
        for key in ("Daily", "Total"):
            if key in limits and not 0 <= limits[key] <= 100:
                raise BadRequestException(f"Limits.{key} must be between 0 and 100")
        mps = limits.get("MessagesPerSecond")
        if mps is not None and not 1 <= mps <= 20000:
            raise BadRequestException("Limits.MessagesPerSecond must be between 1 and 20000")
        state.settings.update(body)
        state.settings_modified = now_iso()
        return self._settings_json(params["ApplicationId"])

    # -- channels ------------------------------------------------------------------
    def channel_get(self, kind: str, params: dict[str, Any]) -> dict[str, Any]:
        """Get<Kind>Channel."""
        platform = CHANNELS[kind][0]
        state = self.state(params["ApplicationId"])
        return self.lookup(state.channels, platform, "Channel")

    def channel_update(self, kind: str, params: dict[str, Any]) -> dict[str, Any]:
        """Update<Kind>Channel."""
        platform = CHANNELS[kind][0]
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, f"Update{kind}Channel")
        if platform == "EMAIL" and "@" not in body["FromAddress"]:
            raise BadRequestException("FromAddress must be an email address")
        old = state.channels.get(platform)
        now = now_iso()
        public = {key: value for key, value in body.items() if key not in _CREDENTIAL_KEYS}
        channel: dict[str, Any] = {
            **(old or {}),
            **public,
            "ApplicationId": app_id,
            "CreationDate": old["CreationDate"] if old else now,
            "Enabled": body.get("Enabled", old["Enabled"] if old else True),
            "HasCredential": bool(_CREDENTIAL_KEYS & body.keys())
            or bool(old and old.get("HasCredential")),
            "Id": platform.lower(),
            "IsArchived": False,
            "LastModifiedBy": self.account_id,
            "LastModifiedDate": now,
            "Platform": platform,
            "Version": (old["Version"] + 1) if old else 1,
        }
        if platform.startswith("APNS"):
            channel["HasTokenKey"] = "TokenKey" in body or bool(old and old.get("HasTokenKey"))
        if platform == "GCM":
            channel["Credential"] = ""
        if platform == "BAIDU":
            channel["Credential"] = ""
        if platform == "EMAIL":
            channel.setdefault("MessagesPerSecond", 1)
        state.channels[platform] = channel
        return channel

    def channel_delete(self, kind: str, params: dict[str, Any]) -> dict[str, Any]:
        """Delete<Kind>Channel."""
        channel = self.channel_get(kind, params)
        del self.state(params["ApplicationId"]).channels[CHANNELS[kind][0]]
        return channel

    def get_channels(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetChannels: every configured channel, summarised."""
        state = self.state(params["ApplicationId"])
        fields = shape("ChannelResponse").members
        return {
            "Channels": {
                platform: {k: v for k, v in data.items() if k in fields}
                for platform, data in state.channels.items()
            }
        }

    # -- event stream --------------------------------------------------------------
    def put_event_stream(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutEventStream."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        # The stream and role are stored as sent, as moto's own Pinpoint does.
        body = self.body(params, "PutEventStream")
        state.event_stream = {
            "ApplicationId": app_id,
            "DestinationStreamArn": body["DestinationStreamArn"],
            "RoleArn": body["RoleArn"],
            "LastModifiedDate": now_iso(),
            "LastUpdatedBy": self.account_id,
        }
        return state.event_stream

    def get_event_stream(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetEventStream."""
        stream = self.state(params["ApplicationId"]).event_stream
        if stream is None:
            raise NotFoundException("Resource not found")
        return stream

    def delete_event_stream(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteEventStream."""
        stream = self.get_event_stream(params)
        self.state(params["ApplicationId"]).event_stream = None
        return stream

    # -- endpoints -----------------------------------------------------------------
    @staticmethod
    def _check_endpoint(endpoint_id: str, data: dict[str, Any]) -> None:
        if not endpoint_id or re.search(r"[${}]", endpoint_id):
            raise BadRequestException(f"Invalid endpoint id {endpoint_id!r}")
        channel = data.get("ChannelType")
        if channel is not None and channel not in shape("ChannelType").enum:
            raise BadRequestException(f"Invalid ChannelType {channel!r}")
        status = data.get("EndpointStatus")
        if status is not None and status not in {"ACTIVE", "INACTIVE"}:
            raise BadRequestException(f"Invalid EndpointStatus {status!r}")
        attribute_maps = [
            data.get("Attributes") or {},
            (data.get("User") or {}).get("UserAttributes") or {},
        ]
        for attributes in attribute_maps:
            for name, values in attributes.items():
                if len(name) > 50:
                    raise BadRequestException(f"Attribute name too long: {name!r}")
                if len(values) > 50:
                    raise BadRequestException(f"Too many values for attribute {name!r}")
                if any(len(value) > 100 for value in values):
                    raise BadRequestException(f"Attribute value too long in {name!r}")

    def upsert_endpoint(
        self, application_id: str, endpoint_id: str, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Create or merge an endpoint (sent attribute names replace their values)."""
        state = self.state(application_id)
        self._check_endpoint(endpoint_id, data)
        old = state.endpoints.get(endpoint_id)
        merged: dict[str, Any] = (
            dict(old)
            if old
            else {
                "ApplicationId": application_id,
                "Id": endpoint_id,
                "CohortId": _cohort(endpoint_id),
                "CreationDate": now_iso(),
                "EndpointStatus": "ACTIVE",
                "OptOut": "NONE",
            }
        )
        for key, value in data.items():
            if key == "Id" or value is None:
                continue
            if key in {"Attributes", "Metrics"}:
                merged[key] = {**merged.get(key, {}), **value}
            elif key == "User":
                user = dict(merged.get("User") or {})
                if "UserId" in value:
                    user["UserId"] = value["UserId"]
                if "UserAttributes" in value:
                    user["UserAttributes"] = {
                        **user.get("UserAttributes", {}),
                        **value["UserAttributes"],
                    }
                merged["User"] = user
            elif key in {"Demographic", "Location"}:
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
        merged.setdefault("EffectiveDate", now_iso())
        user_id = (merged.get("User") or {}).get("UserId")
        if user_id:
            self._make_room_for_user_endpoint(state, user_id, endpoint_id, merged)
        state.endpoints[endpoint_id] = merged
        return merged

    @staticmethod
    def _make_room_for_user_endpoint(
        state: AppState, user_id: str, endpoint_id: str, endpoint: dict[str, Any]
    ) -> None:
        """Apply the per-user endpoint limit to ``endpoint`` joining ``user_id``.

        A user has at most 15 endpoints. A 16th push endpoint (ADM, APNS*, BAIDU, GCM)
        displaces the user's push endpoint with the oldest ``EffectiveDate``: that one
        becomes INACTIVE and loses its ``UserId``. Any other 16th endpoint, or a push one
        when the user has no push endpoint to displace, is a BadRequestException.
        """
        endpoints = state.endpoints
        others = [
            (key, endpoints[key])
            for key in endpoints.user_endpoint_ids(user_id)
            if key != endpoint_id
        ]
        if len(others) < MAX_ENDPOINTS_PER_USER:
            return
        pushes = [item for item in others if item[1].get("ChannelType") in PUSH_CHANNELS]
        if endpoint.get("ChannelType") not in PUSH_CHANNELS or not pushes:
            raise BadRequestException(
                f"User {user_id} already has {MAX_ENDPOINTS_PER_USER} endpoints"
            )
        oldest_id, oldest = min(pushes, key=lambda item: str(item[1].get("EffectiveDate", "")))
        user = {k: v for k, v in (oldest.get("User") or {}).items() if k != "UserId"}
        displaced = {**oldest, "EndpointStatus": "INACTIVE", "User": user}
        state.endpoints[oldest_id] = displaced

    def _accepted(self) -> dict[str, Any]:
        return {"Message": "Accepted", "RequestID": new_id()}

    def get_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetEndpoint."""
        state = self.state(params["ApplicationId"])
        return self.lookup(state.endpoints, params["EndpointId"], "Endpoint")

    def update_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateEndpoint."""
        body = self.body(params, "UpdateEndpoint")
        self.upsert_endpoint(params["ApplicationId"], params["EndpointId"], body)
        return self._accepted()

    def update_endpoints_batch(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateEndpointsBatch: all or nothing, at most 100 items."""
        app_id = params["ApplicationId"]
        self.state(app_id)
        items = self.body(params, "UpdateEndpointsBatch")["Item"]
        if len(items) > MAX_BATCH:
            raise BadRequestException(
                f"Batch contains {len(items)} items; at most {MAX_BATCH} are allowed"
            )
        for item in items:
            if not item.get("Id"):
                raise BadRequestException("Every batch item needs an Id")
            self._check_endpoint(item["Id"], item)
        # A refusal midway undoes the earlier items: requests run as transactions.
        for item in items:
            self.upsert_endpoint(app_id, item["Id"], item)
        return self._accepted()

    def delete_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteEndpoint."""
        endpoint = self.get_endpoint(params)
        del self.state(params["ApplicationId"]).endpoints[params["EndpointId"]]
        return endpoint

    def _user_endpoints(self, state: AppState, user_id: str) -> list[dict[str, Any]]:
        endpoints = state.endpoints
        found = [endpoints[key] for key in endpoints.user_endpoint_ids(user_id)]
        if not found:
            raise NotFoundException("Resource not found")
        return found

    def get_user_endpoints(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetUserEndpoints."""
        state = self.state(params["ApplicationId"])
        return {"Item": self._user_endpoints(state, params["UserId"])}

    def delete_user_endpoints(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteUserEndpoints."""
        state = self.state(params["ApplicationId"])
        found = self._user_endpoints(state, params["UserId"])
        for endpoint in found:
            del state.endpoints[endpoint["Id"]]
        return {"Item": found}

    def remove_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        """RemoveAttributes: drop attribute names from every endpoint of the app."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        attribute_type = params["AttributeType"]
        if attribute_type not in _ATTRIBUTE_TYPES:
            raise BadRequestException(f"AttributeType must be one of {sorted(_ATTRIBUTE_TYPES)}")
        names = self.body(params, "RemoveAttributes").get("Blacklist") or []
        field_name = _ATTRIBUTE_TYPES[attribute_type]
        for endpoint in state.endpoints.values():
            holder = (endpoint.get("User") or {}) if field_name == "UserAttributes" else endpoint
            values = holder.get(field_name)
            if isinstance(values, dict):
                for name in names:
                    values.pop(name, None)
        return {"ApplicationId": app_id, "AttributeType": attribute_type, "Attributes": names}

    # -- events --------------------------------------------------------------------
    def put_events(self, params: dict[str, Any]) -> dict[str, Any]:
        """PutEvents: per-endpoint and per-event results, 202 or 400 each.

        Events of an endpoint whose ``Endpoint`` member was rejected are rejected too
        (400, naming the endpoint's problem) and not stored.
        """
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        batch = self.body(params, "PutEvents", check=False).get("BatchItem") or {}
        total = sum(len((item or {}).get("Events") or {}) for item in batch.values())
        if total > MAX_BATCH:
            raise BadRequestException(f"At most {MAX_BATCH} events per request, got {total}")
        results: dict[str, Any] = {}
        for endpoint_id, item in batch.items():
            item = item or {}
            endpoint_result = {"StatusCode": 202, "Message": "Accepted"}
            rejected: str | None = None
            if item.get("Endpoint"):
                try:
                    self.upsert_endpoint(app_id, endpoint_id, item["Endpoint"])
                except BadRequestException as error:
                    endpoint_result = {"StatusCode": 400, "Message": error.message}
                    rejected = f"Endpoint {endpoint_id} was rejected: {error.message}"
            event_results: dict[str, Any] = {}
            for event_id, event in (item.get("Events") or {}).items():
                problem = rejected or self._event_problem(event or {})
                if problem:
                    event_results[event_id] = {"StatusCode": 400, "Message": problem}
                    continue
                state.events.append({"EndpointId": endpoint_id, "EventId": event_id, **event})
                event_results[event_id] = {"StatusCode": 202, "Message": "Accepted"}
            results[endpoint_id] = {
                "EndpointItemResponse": endpoint_result,
                "EventsItemResponse": event_results,
            }
        return {"Results": results}

    @staticmethod
    def _event_problem(event: dict[str, Any]) -> str | None:
        for name in ("EventType", "Timestamp"):
            if not event.get(name):
                return f"Event is missing required field {name}"
        attributes = event.get("Attributes") or {}
        metrics = event.get("Metrics") or {}
        if len(attributes) + len(metrics) > 40:
            return "An event can have at most 40 attributes and metrics"
        for key, value in attributes.items():
            if len(key) > 50:
                return f"Attribute name too long: {key!r}"
            if len(str(value)) > 200:
                return f"Attribute value too long for {key!r}"
        return None

    # -- tags ----------------------------------------------------------------------
    def resource_exists(self, arn: str) -> bool:
        """Whether ``arn`` names an existing taggable resource of this backend."""
        if not arn.startswith(self.arn_prefix):
            return False
        parts = arn[len(self.arn_prefix) :].split("/")
        if parts[0] == "apps" and len(parts) in (2, 4):
            state = self.app_states.get(parts[1]) if parts[1] in self.moto.apps else None
            if state is None:
                return parts[1] in self.moto.apps and len(parts) == 2
            if len(parts) == 2:
                return True
            tables: dict[str, dict[str, Any]] = {
                "campaigns": state.campaigns,
                "segments": state.segments,
                "journeys": state.journeys,
            }
            table = tables.get(parts[2])
            return table is not None and parts[3] in table
        if parts[0] == "templates" and len(parts) == 3:
            return (parts[1], parts[2]) in self.templates
        if parts[0] == "recommenders" and len(parts) == 2:
            return parts[1] in self.recommenders
        return False

    def _tag_target(self, params: dict[str, Any]) -> str:
        arn = params["ResourceArn"]
        if not arn.startswith("arn:"):
            raise BadRequestException(f"Invalid ARN {arn!r}")
        if not self.resource_exists(arn):
            raise NotFoundException("Resource not found")
        return str(arn)

    def list_tags_for_resource(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListTagsForResource."""
        return {"tags": self.tags_of(self._tag_target(params))}

    def tag_resource(self, params: dict[str, Any]) -> None:
        """TagResource."""
        arn = self._tag_target(params)
        self.set_tags(arn, self.body(params, "TagResource")["tags"])

    def untag_resource(self, params: dict[str, Any]) -> None:
        """UntagResource."""
        arn = self._tag_target(params)
        keys = params.get("TagKeys") or []
        if not keys:
            raise BadRequestException("TagKeys must not be empty")
        self.moto.tagger.untag_resource_using_names(arn, keys)
