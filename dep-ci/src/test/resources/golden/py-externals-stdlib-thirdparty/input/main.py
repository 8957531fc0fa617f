import os.path
import json
from collections import OrderedDict
import requests
from django.db import models
import local
import local.missing
