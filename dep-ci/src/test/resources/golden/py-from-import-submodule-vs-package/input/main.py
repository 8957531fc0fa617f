from shop import models
from shop import helper_function
from shop.models import Order
from shop import *
